/** The GitHub Action's entry (bundled into dist-action/index.mjs): runs the workflow run's event and exits with its code. */
import { runAction } from "./run-action.js";

const code = await runAction(process.env, (line) => process.stdout.write(`${line}\n`));
// Nothing else is left to do; a library's idle handle must not keep the job step open.
process.exit(code);

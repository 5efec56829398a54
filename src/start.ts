/**
 * `npm start` and the container's command: runs the app on Probot's server
 * (setup page, webhook path, Promenade's own routes). A start-up error, such
 * as a missing `WEBHOOK_SECRET`, is one line on stderr and exit code 1.
 */
import { run } from "probot";
import promenade from "./index.js";

run(promenade).catch((error: unknown) => {
  console.error(`promenade: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

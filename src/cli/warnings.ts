/** Files a command could not read as YAML: one line each on stderr, which does not change the exit code. */
import { type FileWarning, formatWarning } from "../engine/repo/skipped-files.js";
import type { CliIo } from "./io.js";

export function printWarnings(io: Pick<CliIo, "stderr">, warnings: readonly FileWarning[]): void {
  for (const warning of warnings) io.stderr(`promenade: warning: ${formatWarning(warning)}\n`);
}

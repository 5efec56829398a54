/** Runs the `promenade` command line in-process and captures what it prints. */
import { runCli } from "../../src/cli/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `promenade ...argv` run in `cwd` (default: the test process's directory). */
export async function promenade(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { code, stdout, stderr };
}

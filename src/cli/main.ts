#!/usr/bin/env node
/** The `promenade` executable: runs the command line on this process's arguments and streams. */
import { runCli } from "./cli.js";

// `promenade images | head`: the reader went away; stop quietly, as Unix tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});

/** How every bench script ends: its exit code, or 1 with the error's stack when it threw. */

/**
 * Exits with the code `run` resolves to (after `lingerMs`, so servers and
 * workers can close; 0 exits at once), or with 1 after printing the error,
 * prefixed with the script's `name`.
 */
export function exitWith(name: string, run: Promise<number>, lingerMs = 0): void {
  run.then(
    (code) => {
      process.exitCode = code;
      if (lingerMs === 0) process.exit(code);
      setTimeout(() => process.exit(code), lingerMs).unref();
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

/** What a command talks to: its output streams and the directory it runs in. Tests pass their own. */
export interface CliIo {
  /** Writes `text` (newlines included) to standard output. */
  stdout(text: string): void;
  /** Writes `text` (newlines included) to standard error. */
  stderr(text: string): void;
  /** The directory `--repo` is resolved against (and its default). */
  cwd: string;
}

/** Exit codes. */
export const EXIT_OK = 0;
/** A finding: an invalid config, no reference of the image to set. */
export const EXIT_FINDING = 1;
/** Bad usage or unreadable input. */
export const EXIT_USAGE = 2;

/** A command: parses its own arguments, writes to `io`, returns the exit code; throws PromenadeError for bad usage or input. */
export type CommandRun = (args: string[], io: CliIo) => Promise<number>;

/** `text` on one line: line breaks and the spaces around them become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

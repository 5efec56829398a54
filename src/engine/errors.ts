/**
 * Typed errors that tell the user what to fix. Every error Promenade raises on
 * purpose is a PromenadeError; anything else is a bug.
 */
export class PromenadeError extends Error {
  override name = "PromenadeError";
}

/** One problem in `.github/promenade.yml`: where it is and what was expected. */
export interface ConfigIssue {
  /** Key path inside the file, e.g. `environments.production.requires.soak`. Empty for the whole file. */
  path: string;
  /** What was expected there. */
  message: string;
  /** The same path as keys and list positions, to find the place in the file. */
  keys?: readonly (string | number)[];
  /** 1-based line of that place (or of the nearest enclosing key that is in the file), when known. */
  line?: number;
}

/** `.github/promenade.yml` exists but is not valid. */
export class ConfigError extends PromenadeError {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(`Invalid config in ${file}: ` + issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "));
  }
}

/**
 * A file Promenade cannot read safely: not YAML, too large, binary, an alias
 * bomb, a symlink leaving the repository. Reported with its file and line, and
 * never written.
 */
export class InputError extends PromenadeError {
  override name = "InputError";
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
  }
}

/** The caller asked for something that does not exist or makes no sense (unknown environment, bad argument). */
export class UsageError extends PromenadeError {
  override name = "UsageError";
}

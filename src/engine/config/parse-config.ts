/**
 * Reading `.github/promenade.yml`: YAML text in, a valid Config (defaults
 * applied) out, or a ConfigError listing every problem with its key path.
 */
import { LineCounter, parseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import type { Config } from "./schema.js";
import { withLines } from "./issue-lines.js";
import { validateConfig } from "./validate-config.js";

/** Where the config lives in a repository (its default branch). */
export const CONFIG_PATH = ".github/promenade.yml";

/**
 * The data in the YAML `text` of a config file, not yet validated; throws a
 * ConfigError with one problem, `line N: …`, when it is not YAML. YAML 1.2
 * with merge keys (`<<: *anchor`) so that settings can be shared; a key may
 * appear only once in a mapping.
 */
export function readConfigYaml(text: string, file: string = CONFIG_PATH): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const { line } = lineCounter.linePos(error.pos[0]);
    const reason =
      error.code === "MULTIPLE_DOCS" ? "expected a single YAML document, but a second one starts here" : error.message;
    throw new ConfigError(file, [{ path: "", message: `line ${line}: ${reason}` }]);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias problems (an alias bomb, an unknown anchor) surface only when converting.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(file, [{ path: "", message: `cannot read the YAML: ${reason}` }]);
  }
}

/** The config in `text`, the YAML of `file`; throws ConfigError with every problem found, each with its line. */
export function parseConfig(text: string, file: string = CONFIG_PATH): Config {
  return validateConfigText(readConfigYaml(text, file), text, file);
}

/** validateConfig on `input`, the data read from `text`, whose problems then carry their lines in `text`. */
export function validateConfigText(input: unknown, text: string, file: string): Config {
  try {
    return validateConfig(input, file);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.file, withLines(text, error.issues));
    throw error;
  }
}

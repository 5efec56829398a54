/**
 * Reading `.github/promenade.yml`: YAML text in, a valid Config (defaults
 * applied) out, or a ConfigError listing every problem with its key path.
 */
import { LineCounter, parseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import { TOO_DEEP, tooDeepLine } from "../images/yaml-nesting.js";
import type { DirectoryLookup } from "./environment-directories.js";
import type { Config } from "./schema.js";
import { withLines } from "./issue-lines.js";
import { validateConfig } from "./validate-config.js";
import { yamlAliasProblem, yamlSyntaxProblem } from "./yaml-problem.js";

/** Where the config lives in a repository (its default branch). */
export const CONFIG_PATH = ".github/promenade.yml";

/**
 * The data in the YAML `text` of a config file, not yet validated; throws a
 * ConfigError with one problem, `line N: …` in words that do not quote the
 * file, when it is not YAML. YAML 1.2 with merge keys (`<<: *anchor`) so
 * that settings can be shared; a key may appear only once in a mapping.
 */
export function readConfigYaml(text: string, file: string = CONFIG_PATH): unknown {
  const deep = tooDeepLine(text);
  if (deep !== undefined) throw new ConfigError(file, [{ path: "", message: `line ${deep}: ${TOO_DEEP}` }]);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const { line } = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(file, [{ path: "", message: `line ${line}: ${yamlSyntaxProblem(error)}` }]);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias problems (an alias bomb, an unknown anchor) surface only when converting.
    throw new ConfigError(file, [{ path: "", message: `cannot read the YAML: ${yamlAliasProblem(error)}` }]);
  }
}

/** The config in `text`, the YAML of `file`; throws ConfigError with every problem found, each with its line. */
export function parseConfig(text: string, file: string = CONFIG_PATH): Config {
  return validateConfigText(readConfigYaml(text, file), text, file);
}

/** validateConfig on `input`, the data read from `text`, whose problems then carry their lines in `text`. */
export function validateConfigText(input: unknown, text: string, file: string, directories?: DirectoryLookup): Config {
  try {
    return validateConfig(input, file, directories);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.file, withLines(text, error.issues));
    throw error;
  }
}

/**
 * YAML-named files that Promenade does not read as image references: a Helm
 * chart's templates, which are left out of every listing without a word, and
 * files that do not parse as YAML, which are reported as warnings and never
 * block anything (unless they may hold the image being edited; see scan.ts).
 */
import { InputError } from "../errors.js";
import { parseYamlSource, type YamlSource } from "../images/yaml-source.js";

/** A file that was not read, and why: a Go template (not meant to be YAML) or a file that should be YAML and does not parse. */
export interface FileWarning {
  kind: "go-template" | "not-yaml";
  file: string;
  /** 1-based line of the problem, when there is one. */
  line?: number;
  reason: string;
}

/**
 * True for a file inside a Helm chart's `templates/` directory: a
 * `templates` directory beside a `Chart.yaml` listed in `files`, or one of a
 * subchart (`charts/<name>/templates/`), at any depth. Helm fills those in
 * from the chart's values; they are Go templates, not YAML.
 */
export function isChartTemplate(path: string, files: ReadonlySet<string>): boolean {
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== "templates") continue;
    if (i >= 2 && parts[i - 2] === "charts") return true;
    if (files.has([...parts.slice(0, i), "Chart.yaml"].join("/"))) return true;
  }
  return false;
}

/**
 * True when a line of `text` holds `{{` before any `#`: a Go template action
 * outside a comment. Only asked of files that do not parse, so a file that
 * parses is always read, whatever its strings hold.
 */
export function hasTemplateActions(text: string): boolean {
  return /^[^#\n]*\{\{/m.test(text);
}

/** `text` parsed; null for a Go template that does not parse as YAML. Throws InputError for any other file that does not parse. */
export function parseUnlessTemplate(file: string, text: string): YamlSource | null {
  try {
    return parseYamlSource(file, text);
  } catch (error) {
    if (error instanceof InputError && hasTemplateActions(text)) return null;
    throw error;
  }
}

/** The warning for a file whose text did not parse (`error`, from parsing it). */
export function unparsedWarning(error: InputError, text: string): FileWarning {
  if (hasTemplateActions(text)) return { kind: "go-template", file: error.file, reason: "a Go template, not YAML" };
  return { kind: "not-yaml", file: error.file, ...(error.line === undefined ? {} : { line: error.line }), reason: error.reason };
}

/** `warnings` without repeats (a grouped promotion meets the same file once per image), in their order. */
export function distinctWarnings(warnings: readonly FileWarning[]): FileWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.file}\n${warning.line ?? ""}\n${warning.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `file:line: reason; not read`, one line. */
export function formatWarning(warning: FileWarning): string {
  return `${warning.file}${warning.line === undefined ? "" : `:${warning.line}`}: ${warning.reason}; not read`;
}

/**
 * What is wrong with config YAML that does not parse, in fixed words per
 * kind of error: the YAML library's own messages may quote the file (an
 * unknown tag, an escape sequence, an alias name), and config problems never
 * repeat what the file says.
 */
import type { YAMLError } from "yaml";

const PROBLEMS: Record<string, string> = {
  BAD_INDENT: "wrong indentation: the items of one mapping or list start at the same column",
  TAB_AS_INDENT: "tabs cannot indent YAML: indent with spaces",
  DUPLICATE_KEY: "a key may appear only once in a mapping",
  MISSING_CHAR: "something is missing here: a closing quote or bracket, a comma, a space after a colon, or a value",
  MULTILINE_IMPLICIT_KEY: "a key must be on one line (is a colon or a quote missing?)",
  BLOCK_AS_IMPLICIT_KEY: "a mapping or list cannot be a key; a nested mapping goes on lines of its own",
  BLOCK_IN_FLOW: "an indented mapping or list cannot be inside { } or [ ]",
  KEY_OVER_1024_CHARS: "a key is at most 1024 characters long",
  UNEXPECTED_TOKEN: "unexpected text here (is a quote, a bracket or the indentation wrong?)",
  BAD_SCALAR_START: "a plain value cannot start with this character: quote the value",
  BAD_DQ_ESCAPE: "an invalid escape sequence in double quotes: write \\\\ for a backslash",
  BAD_ALIAS: "an anchor or alias (&name, *name) is empty or ends in a colon",
  ALIAS_PROPS: "an alias (*name) cannot have a tag or an anchor",
  MULTIPLE_ANCHORS: "a value has at most one anchor (&name)",
  MULTIPLE_TAGS: "a value has at most one tag (!tag)",
  BAD_PROP_ORDER: "anchors and tags come after the - or : indicator",
  TAG_RESOLVE_FAILED: "an unknown YAML tag (!tag): leave tags out",
  BAD_COLLECTION_TYPE: "a YAML tag (!tag) on the wrong kind of value",
  BAD_DIRECTIVE: "an unknown YAML directive (%...)",
  NON_STRING_KEY: "keys are text",
  MULTIPLE_DOCS: "expected a single YAML document, but a second one starts here",
};

/** Why the YAML did not parse, for `line N: …`. */
export function yamlSyntaxProblem(error: YAMLError): string {
  return PROBLEMS[error.code] ?? "not valid YAML";
}

/** Why the parsed YAML could not be turned into data: its aliases (`*name`) are the only cause. */
export function yamlAliasProblem(error: unknown): string {
  const excessive = error instanceof Error && /excessive alias count/i.test(error.message);
  return excessive ? "aliases (*name) expand to too much data" : "an alias (*name) names no anchor (&name) set before it";
}

/** One command line: its command word and arguments, or why it cannot be read. */
import { closestMatch } from "../config/suggest.js";
import type { Parsed } from "./command-arguments.js";
import { COMMAND_SPECS, type Command } from "./command-specs.js";

/** A command line read: the command or the problem. */
export type ParsedCommand = Parsed<Command>;

/** `/` and a word of letters (and `-`) that ends the line or is followed by whitespace: `/etc/hosts`, `/123`, `//` are no commands. */
const COMMAND_WORD = /^\/([A-Za-z][A-Za-z-]*)(?=\s|$)/;

/** `content` (a trimmed line that starts with `/`) read as a command; null when it is no command at all (a path, a lone slash). */
export function parseCommand(content: string): ParsedCommand | null {
  const word = COMMAND_WORD.exec(content)?.[1];
  if (word === undefined) return null;
  const spec = COMMAND_SPECS.find((candidate) => candidate.word === word.toLowerCase());
  if (spec === undefined) return unknownCommand(word);
  return spec.parse({ word: spec.word, usage: spec.forms[0].usage, content, from: word.length + 1 });
}

function unknownCommand(word: string): ParsedCommand {
  const message = `unknown command /${word}`;
  const suggestion = closestMatch(
    word,
    COMMAND_SPECS.map((spec) => spec.word),
  );
  const spec = COMMAND_SPECS.find((candidate) => candidate.word === suggestion);
  if (spec === undefined) return { problem: { kind: "unknown-command", message } };
  return { problem: { kind: "unknown-command", message, suggestion: spec.word, usage: spec.forms[0].usage } };
}

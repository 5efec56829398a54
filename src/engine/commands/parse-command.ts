/** One command line: its command word and arguments, or why it cannot be read. */
import { closestMatch } from "../config/suggest.js";
import { closingQuote, isOption, isTo, readToken, readTokens, type Token } from "./tokens.js";
import type { Command, CommandName, CommandProblem } from "./types.js";
import { COMMAND_NAMES, commandUsage } from "./usage.js";

/** A command line read: the command or the problem. */
export type ParsedCommand = { command: Command } | { problem: CommandProblem };

/** `/` and a word of letters (and `-`) that ends the line or is followed by whitespace: `/etc/hosts`, `/123`, `//` are no commands. */
const COMMAND_WORD = /^\/([A-Za-z][A-Za-z-]*)(?=\s|$)/;

/** `content` (a trimmed line that starts with `/`) read as a command; null when it is no command at all (a path, a lone slash). */
export function parseCommand(content: string): ParsedCommand | null {
  const word = COMMAND_WORD.exec(content)?.[1];
  if (word === undefined) return null;
  const name = COMMAND_NAMES.find((candidate) => candidate === word.toLowerCase());
  if (name === undefined) return unknownCommand(word);
  const from = word.length + 1;
  if (name === "hold") return parseHold(content, from);
  const tokens = readTokens(content, from);
  if ("problem" in tokens) return usageProblem(name, tokens.problem);
  const option = tokens.find((token) => isOption(token.raw));
  if (option !== undefined) return usageProblem(name, `unknown option ${option.raw}`);
  return PARSERS[name](new Words(name, content, from, tokens));
}

function unknownCommand(word: string): ParsedCommand {
  const suggestion = closestMatch(word, COMMAND_NAMES) as CommandName | undefined;
  const message = `unknown command /${word}`;
  if (suggestion === undefined) return { problem: { kind: "unknown-command", message } };
  return { problem: { kind: "unknown-command", message, suggestion, usage: commandUsage(suggestion) } };
}

function usageProblem(name: CommandName, message: string): ParsedCommand {
  return { problem: { kind: "usage", message, usage: commandUsage(name) } };
}

/** `/name needs <what>: <usage>`. */
function needs(name: CommandName, what: string): ParsedCommand {
  return usageProblem(name, `/${name} needs ${what}: ${commandUsage(name)}`);
}

/** The arguments of a command line, read one after the other. */
class Words {
  private next = 0;
  /** Where what has been read ends in the line. */
  private readTo: number;

  constructor(
    readonly name: CommandName,
    private readonly content: string,
    from: number,
    private readonly tokens: readonly Token[],
  ) {
    this.readTo = from;
  }

  /** The next argument, without reading it. */
  peek(): Token | undefined {
    return this.tokens[this.next];
  }

  /** The next argument. */
  take(): Token | undefined {
    const token = this.tokens[this.next];
    if (token !== undefined) {
      this.next++;
      this.readTo = token.end;
    }
    return token;
  }

  /** `command`, unless words are left after it. */
  done(command: Command): ParsedCommand {
    const left = this.tokens.slice(this.next);
    const first = left[0];
    if (first === undefined) return { command };
    const words = left.length === 1 ? "word" : "words";
    return usageProblem(this.name, `unexpected ${words} after ${this.content.slice(0, this.readTo)}: ${this.content.slice(first.start)}`);
  }
}

const PARSERS: Record<Exclude<CommandName, "hold">, (words: Words) => ParsedCommand> = {
  promote(words) {
    const image = words.take();
    if (image === undefined) return { command: { name: "promote-this" } };
    if (isTo(image)) return needs("promote", 'an image before "to"');
    const to = words.take();
    if (to === undefined) return needs("promote", '"to <env>" after the image');
    if (!isTo(to)) return needs("promote", '"to" before the environment');
    const environment = words.take();
    if (environment === undefined) return needs("promote", 'an environment after "to"');
    return words.done({ name: "promote", image: image.value, environment: environment.value });
  },

  rollback(words) {
    const environment = words.take();
    if (environment === undefined || isTo(environment)) return needs("rollback", "an environment");
    const next = words.peek();
    const image = next !== undefined && !isTo(next) ? words.take() : undefined;
    let version: Token | undefined;
    if (isTo(words.peek())) {
      words.take();
      version = words.take();
      if (version === undefined) return needs("rollback", 'a version after "to"');
    }
    return words.done({ name: "rollback", environment: environment.value, image: image?.value ?? null, version: version?.value ?? null });
  },

  unhold(words) {
    const environment = words.take();
    if (environment === undefined) return needs("unhold", "an environment");
    return words.done({ name: "unhold", environment: environment.value });
  },

  where(words) {
    return words.done({ name: "where", image: words.take()?.value ?? null });
  },

  check(words) {
    return words.done({ name: "check" });
  },

  help(words) {
    return words.done({ name: "help" });
  },
};

/** `/hold <env> [reason]`: the reason is the rest of the line, as written, or the text inside quotes that wrap all of it. */
function parseHold(content: string, from: number): ParsedCommand {
  const environment = readToken(content, from);
  if (environment === null) return needs("hold", "an environment");
  if ("problem" in environment) return usageProblem("hold", environment.problem);
  const rest = content.slice(environment.end).trim();
  const option = [environment.raw, rest.split(/\s/, 1)[0] ?? ""].find(isOption);
  if (option !== undefined) return usageProblem("hold", `unknown option ${option}`);
  const reason = unquoted(rest);
  if (reason === undefined) return usageProblem("hold", `unclosed quote in ${content}`);
  return { command: { name: "hold", environment: environment.value, reason: reason === "" ? null : reason } };
}

/** `text` without the quotes that wrap all of it; as it is when it does not start with a quote; undefined when its opening quote is never closed. */
function unquoted(text: string): string | undefined {
  const close = closingQuote(text.charAt(0));
  if (close === undefined) return text;
  const end = text.indexOf(close, 1);
  if (end === -1) return undefined;
  return end === text.length - 1 ? text.slice(1, -1).trim() : text;
}

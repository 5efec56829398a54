/** What a command's parser reads (the line after the command word) and the problems it answers. */
import { isOption, readTokens, type Token } from "./tokens.js";
import type { CommandProblem } from "./types.js";

/** A command line read by one command's parser: the command, or the problem. */
export type Parsed<C> = { command: C } | { problem: CommandProblem };

/** The line a parser reads: its command (word, lower case, and usage line), and where the arguments start in `content`. */
export interface CommandText {
  word: string;
  usage: string;
  /** The trimmed line without its HTML comments. */
  content: string;
  /** Where the arguments start: just after the command word. */
  from: number;
}

/** A usage problem of `text`'s command. */
export function usageProblem(text: CommandText, message: string): { problem: CommandProblem } {
  return { problem: { kind: "usage", message, usage: text.usage } };
}

/** `/word needs <what>: <usage>`. */
export function needs(text: CommandText, what: string): { problem: CommandProblem } {
  return usageProblem(text, `/${text.word} needs ${what}: ${text.usage}`);
}

/** A parser of whitespace-separated (optionally quoted) arguments, none of them an option, from one that reads them in turn. */
export function fromWords<C>(parse: (words: Words) => Parsed<C>): (text: CommandText) => Parsed<C> {
  return (text) => {
    const tokens = readTokens(text.content, text.from);
    if ("problem" in tokens) return usageProblem(text, tokens.problem);
    const option = tokens.find((token) => isOption(token.raw));
    if (option !== undefined) return usageProblem(text, `unknown option ${option.raw}`);
    return parse(new Words(text, tokens));
  };
}

/** The arguments of a command line, read one after the other. */
export class Words {
  private next = 0;
  /** Where what has been read ends in the line. */
  private readTo: number;

  constructor(
    readonly text: CommandText,
    private readonly tokens: readonly Token[],
  ) {
    this.readTo = text.from;
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

  /** `/word needs <what>: <usage>`. */
  needs(what: string): { problem: CommandProblem } {
    return needs(this.text, what);
  }

  /** `command`, unless words are left after it. */
  done<C>(command: C): Parsed<C> {
    const left = this.tokens.slice(this.next);
    const first = left[0];
    if (first === undefined) return { command };
    const words = left.length === 1 ? "word" : "words";
    const { content } = this.text;
    return usageProblem(this.text, `unexpected ${words} after ${content.slice(0, this.readTo)}: ${content.slice(first.start)}`);
  }
}

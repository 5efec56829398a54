/**
 * The slash commands, one spec each: the word, how `/help` lists it, and its
 * parser. Parsing, the nearest-match suggestion, `/help` and the `Command`
 * types derive from this list; src/promote/commands/command-handlers.ts runs
 * each command.
 */
import { fromWords, needs, usageProblem, type CommandText, type Parsed } from "./command-arguments.js";
import { closingQuote, isOption, isTo, readToken, type Token } from "./tokens.js";

/** One way to write a command, as `/help` lists it. */
interface CommandForm {
  usage: string;
  /** Where it may be used, e.g. "a promotion PR". */
  where: string;
  /** What it does. */
  does: string;
}

/** A slash command: `C` is what its parser reads (one kind or several, told apart by `name`). */
interface CommandSpec<W extends string, C extends { name: string }> {
  /** The word typed after `/` (in any case), in lower case. */
  word: W;
  /** Every way to write it, in help order; the first one's usage is the usage line problem messages quote. */
  forms: readonly [CommandForm, ...CommandForm[]];
  /** The command on the line after the word, or why it cannot be read. */
  parse(text: CommandText): Parsed<C>;
}

/** `spec`, its word and command types kept. */
function command<const W extends string, C extends { name: string }>(spec: CommandSpec<W, C>): CommandSpec<W, C> {
  return spec;
}

/**
 * `/promote <image> to <env>`: open or refresh that promotion PR.
 * `/promote` alone, on a promotion PR: merge it now if the gate passes.
 */
const promote = command({
  word: "promote",
  forms: [
    { usage: "/promote <image> to <env>", where: "any issue or PR", does: "open or refresh the PR that promotes the image to the environment" },
    { usage: "/promote", where: "a promotion PR", does: "merge it now if its gate passes, else say what is missing" },
  ],
  parse: fromWords((words): Parsed<{ name: "promote"; image: string; environment: string } | { name: "promote-this" }> => {
    const image = words.take();
    if (image === undefined) return { command: { name: "promote-this" } };
    if (isTo(image)) return words.needs('an image before "to"');
    const to = words.take();
    if (to === undefined) return words.needs('"to <env>" after the image');
    if (!isTo(to)) return words.needs('"to" before the environment');
    const environment = words.take();
    if (environment === undefined) return words.needs('an environment after "to"');
    return words.done({ name: "promote", image: image.value, environment: environment.value });
  }),
});

/** `/rollback <env> [<image>] [to <version>]`: null where left out. */
const rollback = command({
  word: "rollback",
  forms: [
    {
      usage: "/rollback <env> [<image>] [to <version>]",
      where: "anywhere",
      does: "open a PR that puts the previous (or named) version back; soak is skipped, approvals are not; the version rolled back from is blocked until /unblock",
    },
  ],
  parse: fromWords((words): Parsed<{ name: "rollback"; environment: string; image: string | null; version: string | null }> => {
    const environment = words.take();
    if (environment === undefined || isTo(environment)) return words.needs("an environment");
    const next = words.peek();
    const image = next !== undefined && !isTo(next) ? words.take() : undefined;
    let version: Token | undefined;
    if (isTo(words.peek())) {
      words.take();
      version = words.take();
      if (version === undefined) return words.needs('a version after "to"');
    }
    return words.done({ name: "rollback", environment: environment.value, image: image?.value ?? null, version: version?.value ?? null });
  }),
});

/** `/hold <env> [reason]`: the reason is the rest of the line, outer quotes removed; null when absent. */
const hold = command({
  word: "hold",
  forms: [{ usage: "/hold <env> [reason]", where: "anywhere", does: "stop promotions into the environment; its gate fails while it is held" }],
  parse: parseHold,
});

const unhold = command({
  word: "unhold",
  forms: [{ usage: "/unhold <env>", where: "anywhere", does: "resume promotions into the environment" }],
  parse: fromWords((words): Parsed<{ name: "unhold"; environment: string }> => {
    const environment = words.take();
    if (environment === undefined) return words.needs("an environment");
    return words.done({ name: "unhold", environment: environment.value });
  }),
});

/** `/unblock <image> <version>`: both required. */
const unblock = command({
  word: "unblock",
  forms: [
    {
      usage: "/unblock <image> <version>",
      where: "anywhere",
      does: "let automatic promotion propose again a version a /rollback blocked, in every environment where it is blocked",
    },
  ],
  parse: fromWords((words): Parsed<{ name: "unblock"; image: string; version: string }> => {
    const image = words.take();
    if (image === undefined) return words.needs("an image");
    const version = words.take();
    if (version === undefined) return words.needs("a version after the image");
    return words.done({ name: "unblock", image: image.value, version: version.value });
  }),
});

const where = command({
  word: "where",
  forms: [{ usage: "/where [<image>]", where: "anywhere", does: "show which version runs in which environment" }],
  parse: fromWords((words): Parsed<{ name: "where"; image: string | null }> => words.done({ name: "where", image: words.take()?.value ?? null })),
});

const check = command({
  word: "check",
  forms: [{ usage: "/check", where: "a PR", does: "re-run the policy and gate checks" }],
  parse: fromWords((words): Parsed<{ name: "check" }> => words.done({ name: "check" })),
});

const help = command({
  word: "help",
  forms: [{ usage: "/help", where: "anywhere", does: "show this help" }],
  parse: fromWords((words): Parsed<{ name: "help" }> => words.done({ name: "help" })),
});

/** Every command, in the order `/help` lists them (and the nearest match is looked for). */
export const COMMAND_SPECS = [promote, rollback, hold, unhold, unblock, where, check, help] as const;

type Spec = (typeof COMMAND_SPECS)[number];
type ParsedBy<S> = S extends CommandSpec<string, infer C> ? C : never;

/** A command, its arguments as written (names are resolved against the config by whoever runs it). */
export type Command = ParsedBy<Spec>;

/** The kinds of command, one per handler: `promote-this` is `/promote` alone. */
export type CommandName = Command["name"];

/** The command words, as typed after `/` (in any case). */
export type CommandWord = Spec["word"];

/** `/hold <env> [reason]`: the reason is the rest of the line, as written, or the text inside quotes that wrap all of it. */
function parseHold(text: CommandText): Parsed<{ name: "hold"; environment: string; reason: string | null }> {
  const { content } = text;
  const environment = readToken(content, text.from);
  if (environment === null) return needs(text, "an environment");
  if ("problem" in environment) return usageProblem(text, environment.problem);
  const rest = content.slice(environment.end).trim();
  const option = [environment.raw, rest.split(/\s/, 1)[0] ?? ""].find(isOption);
  if (option !== undefined) return usageProblem(text, `unknown option ${option}`);
  const reason = unquoted(rest);
  if (reason === undefined) return usageProblem(text, `unclosed quote in ${content}`);
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

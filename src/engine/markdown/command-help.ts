/** The `/help` reply: the commands, what they do, and who may use them on this repository. */
import { COMMAND_SPECS } from "../commands/command-specs.js";
import type { Config } from "../config/schema.js";
import { shortImageName } from "../plan/image-slug.js";
import { codeSpan, markdownTable } from "./syntax.js";

/**
 * The `/help` reply: every command with its usage and what it does, and who
 * may use them: the repository permission `commands.minimumPermission` asks
 * for and, per environment with `requires.reviewers`, those reviewers
 * (in code spans, so the reply mentions nobody). Every environment with
 * `requires` is named as one that commands never act on by default.
 */
export function commandHelpMarkdown(config: Config): string {
  const environments = Object.entries(config.environments);
  const gated = environments.filter(([, environment]) => environment.requires !== undefined).map(([name]) => codeSpan(name));
  const example = config.images?.[0]?.name ?? "ghcr.io/acme/api";
  const rows = COMMAND_SPECS.flatMap((spec) => spec.forms).map((form) => [codeSpan(form.usage), form.where, form.does]);
  const who = [`Commands need ${config.commands.minimumPermission} permission on the repository.`];
  for (const [name, environment] of environments) {
    const reviewers = environment.requires?.reviewers;
    if (reviewers !== undefined) who.push(`Commands on ${codeSpan(name)} also need you to be one of: ${reviewers.map(codeSpan).join(", ")}.`);
  }
  return [
    "### Promenade commands",
    "Write one command per line, at the start of the line; commands inside quotes and code blocks are ignored.",
    markdownTable(["command", "where", "what it does"], rows),
    [
      `\`<env>\` is an environment: ${environments.map(([name]) => codeSpan(name)).join(", ")}.`,
      `\`<image>\` is an image's whole name or the last part of it (${codeSpan(shortImageName(example))} for ${codeSpan(example)}).`,
      gated.length === 0 ? "No command acts on an environment you do not name." : `No command acts on ${joinAnd(gated)} unless you name it.`,
    ].join("\n"),
    who.join("\n"),
  ]
    .join("\n\n")
    .concat("\n");
}

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1) as string}`;
}

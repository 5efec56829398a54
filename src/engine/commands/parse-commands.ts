/** Every command line in a comment body. */
import { candidateLines } from "./command-lines.js";
import { parseCommand } from "./parse-command.js";
import type { CommandLine } from "./types.js";

/** Every command line in a comment body, in order: each parsed, or with the problem that stops it. Lines that are no commands are left out. */
export function parseCommands(body: string): CommandLine[] {
  const lines: CommandLine[] = [];
  for (const { line, text, content } of candidateLines(body)) {
    const parsed = parseCommand(content);
    if (parsed === null) continue;
    lines.push("command" in parsed ? { ok: true, line, text, command: parsed.command } : { ok: false, line, text, problem: parsed.problem });
  }
  return lines;
}

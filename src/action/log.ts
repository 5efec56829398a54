/** The Action's log: plain lines on stdout, `::warning::` / `::error::` workflow commands, secrets never written. */
import type { Context } from "probot";

export interface ActionLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** A log writing to `write`, with every occurrence of `secrets` replaced by `***`. */
export function actionLog(write: (line: string) => void, secrets: readonly string[] = []): ActionLog {
  const hidden = secrets.filter((secret) => secret.length >= 4);
  const scrub = (line: string) => hidden.reduce((text, secret) => text.split(secret).join("***"), line);
  return {
    info: (line) => write(scrub(line)),
    warn: (line) => write(`::warning::${scrub(line).replace(/\n/g, "%0A")}`),
    error: (line) => write(`::error::${scrub(line).replace(/\n/g, "%0A")}`),
  };
}

/** The log as the shared logOutcomes takes it (pino's `info(message)` / `info(fields, message)`). */
export function asHandlerLog(log: ActionLog): Context["log"] {
  const line = (first: unknown, second: unknown): string => (typeof first === "string" ? first : String(second ?? ""));
  return {
    info: (first: unknown, second?: unknown) => log.info(line(first, second)),
    warn: (first: unknown, second?: unknown) => log.warn(line(first, second)),
    error: (first: unknown, second?: unknown) => log.error(line(first, second)),
  } as unknown as Context["log"];
}

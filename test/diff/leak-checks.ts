/** Reading the secret fixtures, and checking that a masked text or diff shows none of their values. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { maskSecrets } from "../../src/engine/diff/mask-secrets.js";
import { unifiedDiff } from "../../src/engine/markdown/file-diff.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/secrets/", import.meta.url));

/** The text of `test/fixtures/secrets/<name>`. */
export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, "utf8");
}

/** The fixtures `<name>-before.yaml` and `<name>-after.yaml`. */
export function fixturePair(name: string): { before: string; after: string } {
  return { before: fixture(`${name}-before.yaml`), after: fixture(`${name}-after.yaml`) };
}

/** The masked diff of `file` between two texts. */
export function maskedDiff(file: string, before: string | null, after: string | null): string {
  const masked = maskSecrets(file, before, after);
  return unifiedDiff(file, masked.before ?? "", masked.after ?? "");
}

/** The masked text of `file` added with `text`. */
export function maskedAdded(file: string, text: string): string {
  return maskSecrets(file, null, text).after ?? "";
}

/**
 * Checks that no secret shows in `output`: each secret is first checked to be
 * in one of the inputs (so the list is right), then neither it nor any run of
 * 12 of its characters may be in the output.
 */
export function expectNoLeak(output: string, inputs: (string | null)[], secrets: string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(inputs.some((input) => input?.includes(secret))).toBe(true);
    expect(output).not.toContain(secret);
    for (let at = 0; at + 12 <= secret.length; at++) expect(output).not.toContain(secret.slice(at, at + 12));
  }
}

/** The lines a diff adds or removes, without the `---`/`+++` header. */
export function changedLines(diff: string): string[] {
  return diff.split("\n").filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line));
}

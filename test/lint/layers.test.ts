/**
 * The layers of src/ are enforced by `npm run lint` (no-restricted-imports per folder in
 * eslint.config.js). Probe files are written into src/, linted with ESLint's Node API, and removed.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PREFIX = "__layer_probe_";
/** Unique per run, so that a concurrent run never lints or removes another's probes. */
const RUN = `${PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}__`;

/** Probe sources, by the folder of src/ they are written into. */
const PROBES = {
  engine: 'import type { RepoRef } from "../github/github-client.js";\nexport type Probe = RepoRef;\n',
  cli: 'import type { RepoRef } from "../github/github-client.js";\nexport type Probe = RepoRef;\n',
  handlers: 'import { ProbotOctokit } from "probot";\nexport const probe = ProbotOctokit;\n',
  github: 'import type { ConfigIssue } from "../engine/errors.js";\nexport type Probe = ConfigIssue;\n',
} as const;
type Layer = keyof typeof PROBES;

const probePath = (layer: Layer): string => path.join(ROOT, "src", layer, `${RUN}.ts`);

/** Probes a crashed run left behind (older than a minute, so never a concurrent run's). */
function removeStaleProbes(): void {
  for (const layer of Object.keys(PROBES)) {
    const dir = path.join(ROOT, "src", layer);
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name.startsWith(PREFIX) && Date.now() - fs.statSync(file).mtimeMs > 60_000) fs.rmSync(file, { force: true });
    }
  }
}

function removeProbes(): void {
  for (const layer of Object.keys(PROBES) as Layer[]) fs.rmSync(probePath(layer), { force: true });
}

const results = new Map<Layer, ESLint.LintResult>();

beforeAll(async () => {
  removeStaleProbes();
  try {
    for (const [layer, source] of Object.entries(PROBES) as [Layer, string][]) fs.writeFileSync(probePath(layer), source);
    const eslint = new ESLint({ cwd: ROOT });
    const linted = await eslint.lintFiles((Object.keys(PROBES) as Layer[]).map(probePath));
    for (const result of linted) {
      const layer = (Object.keys(PROBES) as Layer[]).find((l) => probePath(l) === result.filePath);
      if (layer) results.set(layer, result);
    }
  } finally {
    removeProbes();
  }
}, 20_000);

afterAll(removeProbes);

function messages(layer: Layer): { ruleId: string | null; message: string }[] {
  const result = results.get(layer);
  if (!result) throw new Error(`no lint result for the ${layer} probe`);
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

describe("layers enforced by npm run lint", () => {
  it("refuses src/engine importing src/github", () => {
    expect(messages("engine")).toEqual([{ ruleId: "no-restricted-imports", message: expect.stringContaining("src/engine may not import from src/github") }]);
  });

  it("refuses src/cli importing src/github", () => {
    expect(messages("cli")).toEqual([{ ruleId: "no-restricted-imports", message: expect.stringContaining("src/cli may not import from src/github") }]);
  });

  it("refuses Octokit in src/handlers", () => {
    expect(messages("handlers")).toEqual([{ ruleId: "no-restricted-imports", message: expect.stringContaining("src/handlers may not use Octokit directly") }]);
  });

  it("accepts src/github importing the engine", () => {
    expect(messages("github")).toEqual([]);
  });

  it("leaves no probe behind", () => {
    for (const layer of Object.keys(PROBES) as Layer[]) expect(fs.existsSync(probePath(layer))).toBe(false);
  });
});

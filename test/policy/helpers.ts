/** Builders for the policy tests: fixture files from test/fixtures/policy/, environments of them, configs with policies. */
import { readFileSync } from "node:fs";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import type { Config } from "../../src/engine/config/schema.js";
import { type EnvironmentFiles, readEnvironmentFiles } from "../../src/engine/policy/environment-files.js";
import type { Violation } from "../../src/engine/policy/policy-report.js";
import { MemoryReader } from "../plan/helpers.js";

/** The text of test/fixtures/policy/`name`. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url), "utf8");
}

/** A repository in memory holding the fixtures `names` under `deploy/`. */
export function fixtureReader(...names: string[]): MemoryReader {
  return new MemoryReader(Object.fromEntries(names.map((name) => [`deploy/${name}`, fixture(name)])));
}

/** The references and objects of the fixtures `names`, as an environment at `deploy/` holding them sees them. */
export function environmentOf(...names: string[]): Promise<EnvironmentFiles> {
  return readEnvironmentFiles(fixtureReader(...names), "deploy");
}

/** A valid config with the environments dev (deploy/dev) and production (deploy), and `policies` (YAML list items). */
export function configWith(policies: string): Config {
  return parseConfig(`environments:
  dev: { path: dev }
  production: { path: deploy }
policies:
${policies}`);
}

/** Each violation as `file:line object: message`, for compact comparisons. */
export function described(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.file}:${v.line} ${v.object ?? "-"}: ${v.message}`);
}

/** Evaluates the policies of the config on one environment's files: pure, through a RepoReader. */
import { formatKeyPath } from "../config/key-path.js";
import { CONFIG_PATH } from "../config/parse-config.js";
import type { Config, PolicyRule } from "../config/schema.js";
import { ConfigError } from "../errors.js";
import type { RepoReader } from "../repo/reader.js";
import { resolveScanDir } from "../repo/scan.js";
import { runBuiltinPolicy } from "./builtin-policy.js";
import { type CelProgram, celCompileError, compileCel } from "./cel-expression.js";
import { runCelRule } from "./cel-rule.js";
import type { EnvironmentFiles } from "./environment-files.js";
import { judgedManifests, type RenderedManifests } from "./judged-manifests.js";
import { type KustomizeSources, kustomizeSources } from "./kustomize-sources.js";
import type { PolicyReport, PolicyResult, RuleOutcome } from "./policy-report.js";

/** What the policies judge besides the environment's files. */
export interface PolicySubject {
  /** The environment as a renderer built it: judged instead of its files. */
  rendered?: RenderedManifests;
  /** What kustomize builds the environment from (kustomizeSources); read through the reader when not given. */
  sources?: KustomizeSources;
  /** Files known not to parse, which the caller reports: left out rather than failing the evaluation. */
  unreadable?: ReadonlySet<string>;
}

/**
 * Evaluates every policy of `config` that applies to `environment` (those
 * without `environments`, and those naming it) on the environment as it
 * will run: its rendered manifests when `subject.rendered` is given, else the
 * YAML files under its path with kustomize patch files left out as objects
 * (judgedManifests), read through `reader`. Results are in config order,
 * the findings of each in file and line order. Throws UsageError for an
 * unknown environment, and InputError for a file that cannot be read or
 * parsed (as the scan does). Each CEL expression is compiled once.
 */
export async function evaluatePolicies(config: Config, environment: string, reader: RepoReader, subject: PolicySubject = {}): Promise<PolicyReport> {
  const dir = resolveScanDir(config, { env: environment });
  const policies = config.policies.flatMap((policy, index) => (appliesTo(policy, environment) ? [run(policy, index)] : []));
  if (policies.length === 0) return { environment, results: [] };
  const judged = await judgedManifests(reader, dir, subject.sources ?? (await kustomizeSources(reader, dir)), subject.rendered, subject.unreadable);
  return { environment, results: policies.map(({ policy, run }) => toResult(policy, judged.place(run(judged.files)))), ...judged.about };
}

function appliesTo(policy: PolicyRule, environment: string): boolean {
  return policy.environments === undefined || policy.environments.includes(environment);
}

/** How to run `policy` on an environment's files; a CEL expression is compiled here, once. */
function run(policy: PolicyRule, index: number): { policy: PolicyRule; run: (files: EnvironmentFiles) => RuleOutcome } {
  if ("builtin" in policy) return { policy, run: (files) => runBuiltinPolicy(policy, files) };
  const program = compileRule(policy.cel, index);
  return { policy, run: (files) => runCelRule(policy, program, files.manifests) };
}

/** A validated config's expressions compile; a config built without validation gets the same error validation gives. */
function compileRule(expression: string, index: number): CelProgram {
  const problem = celCompileError(expression);
  if (problem !== null) {
    throw new ConfigError(CONFIG_PATH, [{ path: formatKeyPath(["policies", index, "cel"]), message: problem }]);
  }
  return compileCel(expression);
}

function toResult(policy: PolicyRule, outcome: RuleOutcome): PolicyResult {
  const name = "builtin" in policy ? policy.builtin : policy.name;
  const { severity } = policy;
  const findings = outcome.violations
    .map((violation) => ({ policy: name, severity, ...violation }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const { description, checked, checkedUnit } = outcome;
  return { policy: name, severity, description, checked, checkedUnit, findings };
}

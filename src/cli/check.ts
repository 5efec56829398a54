/** `promenade check`: run the policies of `.github/promenade.yml` on the environments of a local checkout. */
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { evaluatePolicies, hasErrors, type PolicyFinding, type PolicyReport, type PolicySubject } from "../engine/policy/index.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { resolveScanDir } from "../engine/repo/scan.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { type CliIo, EXIT_FINDING, EXIT_OK, oneLine } from "./io.js";
import { HELP_OPTION, parseCommandLine, REPO_OPTION, SCOPE_OPTIONS } from "./options.js";
import { openConfiguredRepo } from "./required-config.js";

export const SUMMARY = "run the policies on each environment; exit 1 on an error-severity finding";

export const HELP = `Usage: promenade check [--repo DIR] [--env ENV] [--json]

Runs the policies of ${CONFIG_PATH} (built-in policies and CEL
rules) on every environment, or on ENV only, as it will run: its manifests
rendered by kustomize or kubectl when one is on the PATH (findings at the
source file and line to edit; PROMENADE_RENDER=off turns rendering off), else
its YAML files, kustomize patch files not judged as objects. Prints each
finding as "file:line: error|warning [policy] message (object)", each file
not judged as "file: note: why", then one summary line per environment.

Options:
  --repo DIR    the repository checkout (default: the current directory)
  --env ENV     only the environment ENV
  --json        print the reports as JSON: one per environment, with each
                policy's description, count of things checked, and findings
  -h, --help    show this help

Exit codes: 0 no finding of severity error (warnings are printed, and pass);
1 a finding of severity error, or an invalid ${CONFIG_PATH} (each
problem on standard error); 2 bad usage, an unknown environment, no
${CONFIG_PATH}, or a YAML file that cannot be read (the reason
names the file and line).
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine("check", () =>
    parseArgs({ args, strict: true, options: { ...REPO_OPTION, env: SCOPE_OPTIONS.env, json: { type: "boolean" }, ...HELP_OPTION } }),
  );
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const opened = await openConfiguredRepo(values.repo, io);
  if (opened === undefined) return EXIT_FINDING;
  const { repo, config } = opened;
  const environments = values.env === undefined ? Object.keys(config.environments) : [values.env];
  const render = kustomizeRenderer();
  const reports: PolicyReport[] = [];
  for (const environment of environments) reports.push(await evaluatePolicies(config, environment, repo, await subjectOf(config, environment, repo, render)));
  io.stdout(values.json ? `${JSON.stringify(reports, null, 2)}\n` : reports.map(formatReport).join(""));
  return reports.some(hasErrors) ? EXIT_FINDING : EXIT_OK;
}

/** The environment rendered, when a policy applies to it and a renderer renders it. */
async function subjectOf(config: Config, environment: string, repo: RepoReader, render: Renderer): Promise<PolicySubject> {
  const dir = resolveScanDir(config, { env: environment });
  if (!config.policies.some((policy) => policy.environments === undefined || policy.environments.includes(environment))) return {};
  const outcome = await render(repo, dir);
  return outcome.status === "rendered" ? { rendered: { tool: outcome.tool, output: outcome.output } } : {};
}

/** The findings of one environment, in file and line order, the files not judged, then its summary line. */
export function formatReport(report: PolicyReport): string {
  const findings = report.results.flatMap((result) => result.findings).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const counts = [count(report.results.length, "policy", "policies"), count(errors, "error", "errors"), count(findings.length - errors, "warning", "warnings")];
  const rendered = report.renderedBy === undefined ? "" : ` (on the manifests rendered by ${report.renderedBy})`;
  const summary = `${report.environment}: ${counts.join(", ")}${rendered}`;
  const notes = (report.notJudged ?? []).map(({ file, reason }) => `${file}: note: not judged: ${oneLine(reason)}`);
  return [...findings.map(formatFinding), ...notes, summary].map((line) => `${line}\n`).join("");
}

/** `file:line: severity [policy] message (object)`. */
function formatFinding(finding: PolicyFinding): string {
  const object = finding.object === null ? "" : ` (${finding.object})`;
  return `${finding.file}:${finding.line}: ${finding.severity} [${finding.policy}] ${oneLine(finding.message)}${object}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

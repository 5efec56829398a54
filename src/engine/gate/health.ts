/**
 * Health (`requires.healthy`): the versions a pull request brings must first
 * be reported healthy in its `from` environment, by a deployment of `from`
 * that another tool made (Argo CD notifications, a CD workflow) or by the
 * commit statuses / check runs named in `requires.healthChecks`, on a commit
 * where `from` runs those versions. The caller finds the reports on such
 * commits; this decides which one counts and writes the line.
 */
import type { Config } from "../config/schema.js";
import { formatVersion } from "../plan/format-version.js";
import { shortImageName } from "../plan/image-slug.js";
import type { Version } from "../plan/promotion.js";
import type { PromotionTrust } from "./promotion-trust.js";
import type { GateInput, RequirementStatus } from "./types.js";

/** What a report says: healthy, not healthy, or not decided yet. */
export type HealthState = "success" | "failure" | "pending";

/** One report on a commit where `from` runs the versions: a deployment's latest status, or a commit status / check run named `name`. */
export interface HealthReport {
  name: string;
  state: HealthState;
  sha: string;
}

/** A version the pull request brings. */
export interface HealthVersion {
  image: string;
  version: Version;
}

/**
 * The health facts of one gated environment:
 *
 * - `none`: the pull request moves no image version (health does not apply);
 * - `unknown`: which versions it brings is not believed (a promotion PR changed by hand);
 * - `unrecorded`: no deployment record of Promenade's says `from` runs them (now);
 * - `reported`: `from` runs them; the reports found on commits where it does, newest first: `deployments` (other tools' deployments of `from`, each by its latest status) and `checks` (commit statuses and check runs).
 */
export type SourceHealth =
  | { kind: "none" }
  | { kind: "unknown" }
  | { kind: "unrecorded"; versions: readonly HealthVersion[] }
  | { kind: "reported"; versions: readonly HealthVersion[]; deployments: readonly HealthReport[]; checks: readonly HealthReport[] };

/**
 * Which versions health waits on for `environment`, before anything is read:
 *
 * - `none`: health does not apply (not required; a rollback; no image version moves);
 * - `unknown`: it cannot be told (a promotion PR changed by hand, whose data is not believed);
 * - `brought`: the versions its signed promotion data names;
 * - `moved`: those its changed files move into the environment (which the caller reads).
 */
export type HealthSubject =
  { kind: "none" } | { kind: "unknown" } | { kind: "brought"; from: string; versions: HealthVersion[] } | { kind: "moved"; from: string };

/** What health needs for `environment` of a pull request Promenade believes `trust` of, given how many image versions its review found moved (null: not reviewed yet). */
export function healthSubject(config: Config, environment: string, trust: PromotionTrust, movedImages: number | null): HealthSubject {
  const settings = config.environments[environment];
  const data = trust.kind === "promotion" && trust.data.environment === environment ? trust.data : null;
  const from = settings?.from;
  if (settings?.requires?.healthy !== true || from === undefined || data?.trigger.kind === "rollback") return { kind: "none" };
  if (trust.kind === "changed") return { kind: "unknown" };
  if (data !== null) return { kind: "brought", from, versions: data.images.map((image) => ({ image: image.image, version: image.toVersion })) };
  return movedImages === 0 ? { kind: "none" } : { kind: "moved", from };
}

/** The health a deployment's latest status reports: `inactive` (superseded by a later deployment) reports nothing. */
export function deploymentHealth(state: string): HealthState | null {
  if (state === "success") return "success";
  if (state === "failure" || state === "error") return "failure";
  return state === "inactive" ? null : "pending";
}

/** The health a commit status reports (`success`, `failure`, `error`, `pending`). */
export function statusHealth(state: string): HealthState {
  if (state === "success") return "success";
  return state === "failure" || state === "error" ? "failure" : "pending";
}

/** The health a check run reports: only a completed run that succeeded is healthy. */
export function checkRunHealth(status: string, conclusion: string | null): HealthState {
  if (status !== "completed") return "pending";
  return conclusion === "success" ? "success" : "failure";
}

/**
 * Whether a commit status context or check run `reported` answers the
 * health check named `name`: the same name, or the name followed by `/` and
 * more (Flux's notification-controller posts `kustomization/<name>/<id>`,
 * the id taken from its Provider's uid).
 */
export function answersHealthCheck(name: string, reported: string): boolean {
  return reported === name || reported.startsWith(`${name}/`);
}

/** The report that decides among `reports` (newest first): the newest that succeeded or failed, else the newest pending; null when none. */
function deciding(reports: readonly HealthReport[]): HealthReport | null {
  return reports.find((report) => report.state !== "pending") ?? reports[0] ?? null;
}

/** `api 1.4.2, web 2.0.0`. */
function versionsText(versions: readonly HealthVersion[]): string {
  return versions.map(({ image, version }) => `${shortImageName(image)} ${formatVersion(version)}`).join(", ");
}

/** What one named check reports, as a phrase: `kustomization/apps succeeded on abc1234`. */
function checkPhrase(name: string, report: HealthReport | null): string {
  if (report === null) return `${name} has not reported`;
  const verb = report.state === "success" ? "succeeded" : report.state === "failure" ? "failed" : "is pending";
  return `${name} ${verb} on ${report.sha.slice(0, 7)}`;
}

/** The health requirement; null when `requires.healthy` is not set. */
export function healthStatus(input: GateInput): RequirementStatus | null {
  if (input.requires.healthy !== true) return null;
  const kind = "health";
  const from = input.from ?? "the source environment";
  const health = input.health ?? { kind: "none" };
  if (input.rollback) return { kind, met: true, detail: "health: skipped for a rollback" };
  if (health.kind === "none") return { kind, met: true, detail: "health: no image version changes" };
  if (health.kind === "unknown") {
    return { kind, met: false, detail: "health: cannot tell which versions to wait for (the promotion PR was changed by hand)", missing: "health unknown" };
  }
  const versions = versionsText(health.versions);
  if (health.kind === "unrecorded") {
    return {
      kind,
      met: false,
      detail: `health: waiting for ${from} to run ${versions} (no deployment record of Promenade's says it does)`,
      missing: `waiting for ${from} to run ${versions}`,
    };
  }
  const names = input.requires.healthChecks;
  if (names === undefined) {
    const report = deciding(health.deployments);
    const where = report === null ? "" : ` (on ${report.sha.slice(0, 7)})`;
    if (report?.state === "success") return { kind, met: true, detail: `health: ${versions} reported healthy in ${from} by a deployment${where}` };
    if (report?.state === "failure") {
      return { kind, met: false, detail: `health: the deployment of ${from} running ${versions} failed${where}`, missing: `${from} unhealthy` };
    }
    return { kind, met: false, detail: `health: waiting for a successful deployment of ${from} running ${versions}`, missing: `waiting for a healthy ${from}` };
  }
  const reports = names.map((name) => ({ name, report: deciding(health.checks.filter((check) => answersHealthCheck(name, check.name))) }));
  const phrases = reports.map(({ name, report }) => checkPhrase(name, report)).join("; ");
  if (reports.every(({ report }) => report?.state === "success")) {
    return { kind, met: true, detail: `health: ${versions} reported healthy in ${from} (${phrases})` };
  }
  if (reports.some(({ report }) => report?.state === "failure")) {
    return { kind, met: false, detail: `health: ${from} running ${versions} is unhealthy (${phrases})`, missing: `${from} unhealthy` };
  }
  const waiting = reports.filter(({ report }) => report?.state !== "success").map(({ name }) => name);
  return {
    kind,
    met: false,
    detail: `health: waiting for ${waiting.join(", ")} to succeed on a commit of ${from} running ${versions} (${phrases})`,
    missing: `waiting for a healthy ${from}`,
  };
}

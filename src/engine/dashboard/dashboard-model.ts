/**
 * What the dashboard issue shows, decided from Promenade's own state: the
 * version each environment runs and since when, the open promotion PRs with
 * their gate, the holds, the blocked versions, the drift of each environment
 * from the one it is promoted from, and the boxes people can tick (each one
 * a slash command). Pure: the orchestrator reads, this decides, and
 * `markdown/dashboard.ts` writes it.
 */
import type { Config } from "../config/schema.js";
import type { BlockedVersion, Hold } from "../markdown/holds.js";
import { environmentVersions } from "../plan/environment-versions.js";
import { shortImageName } from "../plan/image-slug.js";
import { planEnvironmentChange } from "../plan/plan-environment-change.js";
import { referencesOf, type EnvironmentReferences } from "../plan/promoted-images.js";
import type { Version } from "../plan/promotion.js";
import { environmentDrift } from "../review/environment-drift.js";
import { runHistory, type RecordedRun, type RunHistory } from "./run-history.js";

/** An open promotion PR (Promenade's own, from a branch of this repository) and its gate as Promenade's own `promenade/gate` check run says. */
export interface DashboardPromotion {
  number: number;
  url: string;
  title: string;
  environment: string;
  /** `passed`/`failed`: the gate's conclusion; `pending`: not decided yet (no check run, or one in progress). */
  gate: "passed" | "failed" | "pending";
  /** The title of the gate check run (what is still missing), when it has one. */
  gateTitle: string | null;
}

/** What one box does when ticked: the slash command it stands for. */
export type DashboardAction = { name: "promote"; image: string; environment: string } | { name: "rollback"; environment: string; image: string };

/** A box people can tick: its words (as shown, before escaping) and its command. */
export interface DashboardBox {
  text: string;
  action: DashboardAction;
}

/** One environment's version of one image, and since when (null: not known). */
export interface DashboardCell {
  version: Version;
  since: Date | null;
}

/** The drift of `environment` from `from`: an image both run, at different versions. */
export interface DashboardDrift {
  environment: string;
  from: string;
  image: string;
  /** The version in `from`. */
  source: Version;
  /** The version in `environment`. */
  target: Version;
}

/** What the dashboard shows. */
export interface DashboardModel {
  /** The environments, in config order. */
  environments: string[];
  /** Every image some environment runs, sorted, each with its name as shown and its version per environment. */
  images: { image: string; shown: string; cells: Map<string, DashboardCell> }[];
  promotions: DashboardPromotion[];
  holds: Hold[];
  /** The blocked versions (`/rollback` blocks the version it rolls back from; `/unblock` lifts it), sorted. */
  blocked: BlockedVersion[];
  drift: DashboardDrift[];
  boxes: DashboardBox[];
}

/** What the dashboard is made from. */
export interface DashboardFacts {
  config: Config;
  /** The image references of every environment at the default branch's head. */
  envRefs: EnvironmentReferences;
  /** Promenade's own deployment records of each environment, newest first. */
  records: ReadonlyMap<string, readonly RecordedRun[]>;
  promotions: readonly DashboardPromotion[];
  /** The holds, sorted by environment. */
  holds: readonly Hold[];
  blocked: readonly BlockedVersion[];
}

/**
 * The dashboard of `facts`:
 *
 * - per image and environment, the version it runs and since when (the start of its run in Promenade's records);
 * - drift, as a review reports it (environmentDrift), of each environment promoted from another;
 * - a box "promote <image> to <env>" for each promotion `/promote <image> to <env>` would open (planEnvironmentChange from `from`), unless the environment is held;
 * - a box "roll back <image> in <env>" where the records know an earlier version.
 */
export function dashboardModel(facts: DashboardFacts): DashboardModel {
  const { config, envRefs } = facts;
  const environments = Object.keys(config.environments);
  const running = new Map(environments.map((environment) => [environment, environmentVersions(config, referencesOf(envRefs, environment))]));
  const names = [...new Set([...running.values()].flatMap((versions) => [...versions.keys()]))].sort();
  const shown = shownNames(names);
  const histories = new Map<string, Map<string, RunHistory>>();
  const images = names.map((image) => {
    const cells = new Map<string, DashboardCell>();
    for (const environment of environments) {
      const version = running.get(environment)?.get(image);
      if (version === undefined) continue;
      const history = runHistory(facts.records.get(environment) ?? [], image, version);
      cells.set(environment, { version: { tag: version.tag, digest: version.digest }, since: history.since });
      const byImage = histories.get(environment) ?? new Map<string, RunHistory>();
      byImage.set(image, history);
      histories.set(environment, byImage);
    }
    return { image, shown: shown.get(image) as string, cells };
  });
  const drift: DashboardDrift[] = [];
  const promote: DashboardBox[] = [];
  const held = new Set(facts.holds.map((hold) => hold.environment));
  for (const environment of environments) {
    const from = config.environments[environment]?.from;
    if (from === undefined) continue;
    for (const entry of environmentDrift(config, referencesOf(envRefs, from), referencesOf(envRefs, environment), new Set())) {
      drift.push({ environment, from, ...entry });
    }
    if (held.has(environment)) continue;
    const plan = planEnvironmentChange(config, envRefs, from);
    for (const promotion of plan.promotions.filter((candidate) => candidate.environment === environment)) {
      for (const { image } of promotion.images) {
        promote.push({ text: `promote ${shown.get(image) ?? image} to ${environment}`, action: { name: "promote", image, environment } });
      }
    }
  }
  const rollback: DashboardBox[] = environments.flatMap((environment) =>
    [...(histories.get(environment) ?? new Map<string, RunHistory>())]
      .filter(([, history]) => history.previous !== null)
      .map(([image]) => ({ text: `roll back ${shown.get(image) as string} in ${environment}`, action: { name: "rollback" as const, environment, image } })),
  );
  return {
    environments,
    images,
    promotions: [...facts.promotions],
    holds: [...facts.holds],
    blocked: [...facts.blocked],
    drift,
    boxes: [...promote, ...rollback],
  };
}

/** Each image's name as shown: its last path component (`api`) when no other image has the same one, else its whole name. */
function shownNames(images: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const image of images) count.set(shortImageName(image), (count.get(shortImageName(image)) ?? 0) + 1);
  return new Map(images.map((image) => [image, count.get(shortImageName(image)) === 1 ? shortImageName(image) : image]));
}

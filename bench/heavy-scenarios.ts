/**
 * The heavy work bench/heavy-work.ts measures webhook acknowledgement
 * during: the GitHub the app sees (mocked in the app's process,
 * bench/heavy-app.ts) and the delivery that starts the work (sent by the
 * measuring process).
 *
 * - `review`: a pull request that rewrites a 3,000-line file of the shop
 *   fixture's dev environment into a 30,000-line one: the review diffs it,
 *   masks it, parses it for image references and policies.
 * - `image-push`: a `promenade-image` dispatch of a tag of 40 `a`s then `b`
 *   to a repository whose config admits `tags: { allow: "^(a+)+$" }`, a
 *   pattern that takes exponential time on a backtracking engine.
 */
import nock from "nock";
import { CONFIG_PATH } from "../src/engine/config/parse-config.js";
import { mockOwnApp } from "../test/helpers/github-mock.js";
import { repositoryDispatchPayload } from "../test/helpers/payloads.js";
import { FixtureRepo, REPO } from "../test/handlers/fixture-repo.js";
import { mockReviewComment, pullRequestEvent, serveReview } from "../test/handlers/review-mocks.js";
import { GITHUB_API, signed, type SignedDelivery } from "./load.js";

export type HeavyScenario = "none" | "review" | "image-push";

/** Each scenario's line in the bench's table. */
export const SCENARIO_LABELS: Record<HeavyScenario, string> = {
  none: "no heavy work",
  review: "reviewing a 3,000 → 30,000-line rewrite",
  "image-push": 'image push, tags.allow "^(a+)+$", tag a×40 + b',
};

/** The event whose processing is the heavy work, for the figures; null when the event is the load's own. */
export const HEAVY_EVENT: Record<HeavyScenario, string | null> = { none: null, review: "pull_request", "image-push": null };

const PR = 41;
const HEAD = "4ead41".padEnd(40, "0");
const PATTERN = "^(a+)+$";
const EVIL_TAG = `${"a".repeat(40)}b`;

/** A ConfigMap of `count` keys. */
function configMap(count: number, value: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: count }, (_, j) => `  key-${j}: "${value} ${j}"\n`).join("")}`;
}

/** In the app's process: what GitHub answers for the scenario's repository (persisting where the app may read again). */
export function mockScenario(scenario: HeavyScenario): void {
  mockOwnApp();
  if (scenario === "review") {
    const base = new FixtureRepo("shop", undefined, { "deploy/dev/big.yaml": configMap(3000, "value") });
    const head = new FixtureRepo("shop", HEAD, { "deploy/dev/big.yaml": configMap(30_000, "rewritten") });
    serveReview(PR, base, head);
    mockReviewComment(PR);
    const repo = `/repos/${REPO.owner}/${REPO.repo}`;
    nock(GITHUB_API).persist().get(`${repo}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    nock(GITHUB_API).persist().post(`${repo}/check-runs`).reply(201, { id: 77 });
  } else if (scenario === "image-push") {
    const shop = new FixtureRepo("shop");
    const config = `${shop.files.get(CONFIG_PATH) ?? ""}\nimages:\n  - name: ghcr.io/acme/api\n    tags: { allow: "${PATTERN}" }\n`;
    new FixtureRepo("shop", undefined, { [CONFIG_PATH]: config }).serve();
  }
}

/** In the measuring process: the delivery that starts the scenario's heavy work; null for none. */
export function scenarioTrigger(scenario: HeavyScenario): SignedDelivery | null {
  if (scenario === "review") {
    const { id, payload } = pullRequestEvent("opened", PR, "rewrite", HEAD);
    return signed("pull_request", id, payload);
  }
  if (scenario === "image-push") {
    const payload = repositoryDispatchPayload({
      repo: { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" },
      eventType: "promenade-image",
      clientPayload: { image: "ghcr.io/acme/api", tag: EVIL_TAG },
    });
    return signed("repository_dispatch", "bench-image-push", payload);
  }
  return null;
}

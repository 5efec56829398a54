/** Blocked versions (rolled back from, until `/unblock`): what planning skips, and the pure functions over the holds issue's blocks. */
import { describe, expect, it } from "vitest";
import {
  blockedVersions,
  blocksOf,
  environmentAndDescendants,
  findBlock,
  isBlockedVersion,
  rollbackBlocks,
  withBlocks,
  withoutBlocks,
  type BlockedVersion,
} from "../../src/engine/holds/blocked-versions.js";
import { heldEnvironments } from "../../src/engine/holds/held-environments.js";
import { planEnvironmentChange } from "../../src/engine/plan/plan-environment-change.js";
import { planImagePush } from "../../src/engine/plan/plan-image-push.js";
import { config, ref } from "./helpers.js";

const API = "ghcr.io/acme/api";
const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const AT = "2026-03-02T10:00:00Z";

const cfg = config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  prod-eu: { path: deploy/prod-eu, from: staging }
  prod-us: { path: deploy/prod-us, from: staging }
  qa: { path: deploy/qa }
`);

function block(environment: string, tag: string | null, digest: string | null = null, image = API): BlockedVersion {
  return { image, version: { tag, digest }, environment, by: "alice", at: AT };
}

describe("which versions a rollback blocks", () => {
  it("blocks the version in the environment and every environment promoted from it, at any depth, not elsewhere", () => {
    expect(environmentAndDescendants(cfg, "dev")).toEqual(["dev", "staging", "prod-eu", "prod-us"]);
    expect(environmentAndDescendants(cfg, "staging")).toEqual(["staging", "prod-eu", "prod-us"]);
    expect(rollbackBlocks(cfg, { environment: "staging", image: API, version: { tag: "1.5.0", digest: null }, by: "alice", at: AT })).toEqual([
      block("staging", "1.5.0"),
      block("prod-eu", "1.5.0"),
      block("prod-us", "1.5.0"),
    ]);
  });

  it("matches by digest when both have one, else by tag", () => {
    expect(isBlockedVersion({ tag: "1.5.0", digest: null }, { tag: "1.5.0", digest: D1 })).toBe(true);
    expect(isBlockedVersion({ tag: "1.5.0", digest: D1 }, { tag: "1.5.0", digest: null })).toBe(true);
    expect(isBlockedVersion({ tag: "1.5.0", digest: D1 }, { tag: "1.5.0", digest: D2 })).toBe(false);
    expect(isBlockedVersion({ tag: "1.5.0", digest: D1 }, { tag: "latest", digest: D1 })).toBe(true);
    expect(isBlockedVersion({ tag: null, digest: D1 }, { tag: "1.5.0", digest: null })).toBe(false);
    expect(isBlockedVersion({ tag: "1.5.0", digest: null }, { tag: "1.5.1", digest: null })).toBe(false);
  });

  it("adds a block once, lifts every environment's block of a version, and lists them sorted for others to show", () => {
    const blocks = withBlocks([block("staging", "1.5.0"), block("dev", "1.4.0")], [block("dev", "1.5.0"), block("staging", "1.5.0")]);
    expect(blocks).toHaveLength(3);
    expect(blockedVersions(heldEnvironments([], null, blocks))).toEqual([block("dev", "1.4.0"), block("dev", "1.5.0"), block("staging", "1.5.0")]);
    const lifted = blocksOf(blocks, API, { tag: "1.5.0", digest: null });
    expect(lifted).toHaveLength(2);
    expect(withoutBlocks(blocks, lifted)).toEqual([block("dev", "1.4.0")]);
    expect(findBlock(blocks, "staging", API, { tag: "1.5.0", digest: null })).toEqual(block("staging", "1.5.0"));
    expect(findBlock(blocks, "staging", "ghcr.io/acme/web", { tag: "1.5.0", digest: null })).toBeUndefined();
  });
});

describe("planning with blocked versions", () => {
  const envRefs = new Map([
    ["dev", [ref("deploy/dev/k.yaml", API, "1.4.0")]],
    ["qa", [ref("deploy/qa/k.yaml", API, "1.4.0")]],
    ["staging", [ref("deploy/staging/k.yaml", API, "1.4.0")]],
  ]);
  const blocks = [block("dev", "1.5.0")];

  it("skips a pushed version blocked in a root environment, saying who blocked it, when, and how to allow it; other roots still get it", () => {
    const plan = planImagePush(cfg, envRefs, { image: API, tag: "1.5.0" }, blocks);
    expect(plan.promotions.map((p) => p.environment)).toEqual(["qa"]);
    expect(plan.skipped).toEqual([
      {
        environment: "dev",
        image: API,
        version: { tag: "1.5.0", digest: null },
        reason: "blocked",
        message: "1.5.0 is blocked in dev by @alice since 2026-03-02 10:00 UTC (rolled back; /unblock ghcr.io/acme/api 1.5.0 allows it again)",
      },
    ]);
  });

  it("proposes a newer version than the blocked one, and the blocked one once it is unblocked", () => {
    expect(planImagePush(cfg, envRefs, { image: API, tag: "1.5.1" }, blocks).promotions.map((p) => p.environment)).toEqual(["dev", "qa"]);
    expect(planImagePush(cfg, envRefs, { image: API, tag: "1.5.0" }, []).promotions.map((p) => p.environment)).toEqual(["dev", "qa"]);
  });

  it("says older or same rather than blocked when the version would not be proposed anyway", () => {
    const running = new Map([...envRefs, ["dev", [ref("deploy/dev/k.yaml", API, "1.5.0")]]]);
    const plan = planImagePush(cfg, running, { image: API, tag: "1.5.0" }, [block("dev", "1.5.0"), block("qa", "1.3.0")]);
    expect(plan.skipped.map((s) => [s.environment, s.reason])).toEqual([["dev", "same"]]);
    expect(planImagePush(cfg, running, { image: API, tag: "1.3.0" }, [block("qa", "1.3.0")]).skipped.map((s) => [s.environment, s.reason])).toEqual([
      ["dev", "older"],
      ["qa", "older"],
    ]);
  });

  it("skips an environment change that would bring a blocked version into a descendant, and only there", () => {
    const refs = new Map([
      ["dev", [ref("deploy/dev/k.yaml", API, "1.5.0")]],
      ["qa", [ref("deploy/qa/k.yaml", API, "1.5.0")]],
      ["staging", [ref("deploy/staging/k.yaml", API, "1.5.0")]],
      ["prod-eu", [ref("deploy/prod-eu/k.yaml", API, "1.4.0")]],
      ["prod-us", [ref("deploy/prod-us/k.yaml", API, "1.4.0")]],
    ]);
    const plan = planEnvironmentChange(cfg, refs, "staging", { blocks: [block("prod-eu", "1.5.0")] });
    expect(plan.promotions.map((p) => p.environment)).toEqual(["prod-us"]);
    expect(plan.skipped.map((s) => [s.environment, s.reason])).toEqual([["prod-eu", "blocked"]]);
    expect(planEnvironmentChange(cfg, refs, "staging").promotions.map((p) => p.environment)).toEqual(["prod-eu", "prod-us"]);
  });
});

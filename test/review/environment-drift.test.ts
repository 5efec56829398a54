import { describe, expect, it } from "vitest";
import { environmentDrift } from "../../src/engine/review/environment-drift.js";
import { config, ref } from "../plan/helpers.js";

const CONFIG = config("environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev }\n");
const DIGEST = `sha256:${"c".repeat(64)}`;

describe("environmentDrift", () => {
  const source = [
    ref("deploy/dev/k.yaml", "ghcr.io/acme/web", "2.1.0"),
    ref("deploy/dev/k.yaml", "ghcr.io/acme/api", "1.5.0"),
    ref("deploy/dev/k.yaml", "ghcr.io/acme/worker", "3.0.0", DIGEST),
    ref("deploy/dev/k.yaml", "ghcr.io/acme/cache", "7.0.0"),
    ref("deploy/dev/k.yaml", "ghcr.io/acme/dev-only", "0.1.0"),
  ];
  const target = [
    ref("deploy/staging/k.yaml", "ghcr.io/acme/web", "2.0.0"),
    ref("deploy/staging/k.yaml", "ghcr.io/acme/api", "1.4.0"),
    ref("deploy/staging/k.yaml", "ghcr.io/acme/worker", "3.0.0"),
    ref("deploy/staging/k.yaml", "ghcr.io/acme/cache", "7.0.0"),
    ref("deploy/staging/k.yaml", "ghcr.io/acme/staging-only", "0.2.0"),
  ];

  it("lists the images both run at other versions, sorted, leaving out those the pull request changes", () => {
    expect(environmentDrift(CONFIG, source, target, new Set(["ghcr.io/acme/api"]))).toEqual([
      { image: "ghcr.io/acme/web", source: { tag: "2.1.0", digest: null }, target: { tag: "2.0.0", digest: null } },
      { image: "ghcr.io/acme/worker", source: { tag: "3.0.0", digest: DIGEST }, target: { tag: "3.0.0", digest: null } },
    ]);
  });

  it("lists an image the pull request does not change, and nothing for equal versions or images on one side only", () => {
    expect(environmentDrift(CONFIG, source, target, new Set()).map((entry) => entry.image)).toEqual([
      "ghcr.io/acme/api",
      "ghcr.io/acme/web",
      "ghcr.io/acme/worker",
    ]);
    expect(environmentDrift(CONFIG, source, source, new Set())).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { changedEnvironments, environmentsToScan, sourceEnvironments } from "../../src/promote/changed-environments.js";
import { fanOutConfig } from "../plan/helpers.js";

describe("changedEnvironments and sourceEnvironments", () => {
  it("name the changed environments in config order, and those of them with a next hop", () => {
    const files = ["deploy/staging/a.yaml", "README.md", "deploy/dev/b.yaml", "deploy/prod-eu/c.yaml", "deploy/dev/d.yaml"];
    const changed = changedEnvironments(fanOutConfig(), files);
    expect(changed).toEqual(["dev", "staging", "prod-eu"]);
    expect(sourceEnvironments(fanOutConfig(), changed)).toEqual(["dev", "staging"]);
  });
});

describe("environmentsToScan", () => {
  it("adds the next hops, and the roots only when the config lists no images", () => {
    expect(environmentsToScan(fanOutConfig(), ["staging"])).toEqual(["dev", "staging", "prod-eu", "prod-us"]);
    expect(environmentsToScan(fanOutConfig("images: [{ name: ghcr.io/acme/api }]"), ["staging"])).toEqual(["staging", "prod-eu", "prod-us"]);
  });
});

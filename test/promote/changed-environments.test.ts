import { describe, expect, it } from "vitest";
import { changedSourceEnvironments, environmentsToScan } from "../../src/promote/changed-environments.js";
import { fanOutConfig } from "../plan/helpers.js";

describe("changedSourceEnvironments", () => {
  it("names the changed environments that have a next hop, in config order", () => {
    const files = ["deploy/staging/a.yaml", "README.md", "deploy/dev/b.yaml", "deploy/prod-eu/c.yaml", "deploy/dev/d.yaml"];
    expect(changedSourceEnvironments(fanOutConfig(), files)).toEqual(["dev", "staging"]);
  });
});

describe("environmentsToScan", () => {
  it("adds the next hops, and the roots only when the config lists no images", () => {
    expect(environmentsToScan(fanOutConfig(), ["staging"])).toEqual(["dev", "staging", "prod-eu", "prod-us"]);
    expect(environmentsToScan(fanOutConfig("images: [{ name: ghcr.io/acme/api }]"), ["staging"])).toEqual(["staging", "prod-eu", "prod-us"]);
  });
});

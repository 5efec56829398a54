import { describe, expect, it } from "vitest";
import { environmentForPath, nextEnvironments, rootEnvironments } from "../../src/engine/config/environment-graph.js";
import { parseConfig } from "../../src/engine/config/parse-config.js";

const config = parseConfig(`environments:
  dev: { path: deploy/dev/ }
  dev2: { path: ./deploy/dev2 }
  staging: { path: deploy/staging, from: dev }
  prod-eu: { path: deploy/prod/eu, from: staging }
  prod-us: { path: deploy/prod/us, from: staging }
`);

describe("environment graph", () => {
  it("lists root environments in file order", () => {
    expect(rootEnvironments(config)).toEqual(["dev", "dev2"]);
  });

  it("lists the environments promoted from one, fan-out included", () => {
    expect(nextEnvironments(config, "staging")).toEqual(["prod-eu", "prod-us"]);
    expect(nextEnvironments(config, "dev")).toEqual(["staging"]);
    expect(nextEnvironments(config, "prod-eu")).toEqual([]);
    expect(nextEnvironments(config, "nope")).toEqual([]);
  });

  it("finds the environment whose directory holds a file", () => {
    expect(environmentForPath(config, "deploy/dev/kustomization.yaml")).toBe("dev");
    expect(environmentForPath(config, "deploy/dev2/values.yaml")).toBe("dev2");
    expect(environmentForPath(config, "./deploy/prod/us/apps/api.yaml")).toBe("prod-us");
    expect(environmentForPath(config, "deploy/dev")).toBe("dev");
    expect(environmentForPath(config, "deploy/prod/values.yaml")).toBeUndefined();
    expect(environmentForPath(config, "deploy/development/x.yaml")).toBeUndefined();
    expect(environmentForPath(config, "README.md")).toBeUndefined();
  });

  it("takes the repository root as holding every file", () => {
    const root = parseConfig("environments:\n  only: { path: . }\n");
    expect(environmentForPath(root, "any/where.yaml")).toBe("only");
  });
});

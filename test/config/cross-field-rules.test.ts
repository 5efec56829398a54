import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { issuesOf, withEnvironments } from "./config-issues.js";

const BAD_NAME = 'expected an environment name of letters, digits, ".", "_" and "-" that can be part of a branch name (promenade/<env>/...)';

describe("cross-field checks", () => {
  it("rejects from naming an unknown environment", () => {
    expect(issuesOf("environments:\n  dev: { path: a }\n  prod: { path: b, from: deV }\n")).toEqual([
      'environments.prod.from: unknown environment (did you mean "dev"?); expected one of: dev, prod',
    ]);
    expect(issuesOf("environments:\n  dev: { path: a }\n  prod: { path: b, from: qa }\n")).toEqual([
      "environments.prod.from: unknown environment; expected one of: dev, prod",
    ]);
  });

  it("rejects a soak on an environment without from", () => {
    expect(issuesOf("environments:\n  dev: { path: a, requires: { soak: 1h, approvals: 1 } }\n")).toEqual([
      'environments.dev.requires.soak: expected no soak on an environment without "from": a soak is how long a version ran in the environment it is promoted from',
    ]);
  });

  it("names a cycle through from, in the direction of promotion, once", () => {
    expect(
      issuesOf(`environments:
  dev: { path: a, from: staging }
  staging: { path: b, from: dev }
`),
    ).toEqual(['environments.dev.from: "from" makes a cycle: dev → staging → dev; the first environment of a promotion chain has no "from"']);
    expect(
      issuesOf(`environments:
  root: { path: r }
  c: { path: c, from: b }
  a: { path: a, from: c }
  b: { path: b, from: a }
  tail: { path: t, from: b }
`),
    ).toEqual(['environments.c.from: "from" makes a cycle: c → a → b → c; the first environment of a promotion chain has no "from"']);
  });

  it("rejects an environment promoted from itself", () => {
    expect(issuesOf("environments:\n  dev: { path: a, from: dev }\n")).toEqual([
      'environments.dev.from: "from" makes a cycle: dev → dev; the first environment of a promotion chain has no "from"',
    ]);
  });

  it("rejects environment directories that are the same or nested, after normalisation", () => {
    expect(
      issuesOf(`environments:
  dev: { path: deploy/dev/ }
  dev-copy: { path: ./deploy//dev }
  api: { path: deploy/dev/api }
  all: { path: deploy }
`),
    ).toEqual([
      "environments.dev-copy.path: the same directory as environments.dev.path; expected a directory of its own, not overlapping another environment's",
      "environments.api.path: inside the directory of environments.dev.path; expected a directory of its own, not overlapping another environment's",
      "environments.api.path: inside the directory of environments.dev-copy.path; expected a directory of its own, not overlapping another environment's",
      "environments.all.path: around the directory of environments.dev.path; expected a directory of its own, not overlapping another environment's",
      "environments.all.path: around the directory of environments.dev-copy.path; expected a directory of its own, not overlapping another environment's",
      "environments.all.path: around the directory of environments.api.path; expected a directory of its own, not overlapping another environment's",
    ]);
  });

  it("does not take a shared name prefix for an overlap", () => {
    expect(() => parseConfig("environments:\n  dev: { path: deploy/dev }\n  dev2: { path: deploy/dev2 }\n")).not.toThrow();
  });

  it("rejects the repository root next to another environment", () => {
    expect(issuesOf("environments:\n  all: { path: . }\n  dev: { path: deploy/dev }\n")).toEqual([
      "environments.dev.path: inside the directory of environments.all.path; expected a directory of its own, not overlapping another environment's",
    ]);
  });

  it("rejects environment names that cannot be part of a branch name", () => {
    expect(
      issuesOf(`environments:
  prod eu: { path: a }
  .hidden: { path: b }
  a..b: { path: c }
  x.lock: { path: d }
  prod.eu: { path: e }
`),
    ).toEqual([
      `environments["prod eu"]: ${BAD_NAME}`,
      `environments[".hidden"]: ${BAD_NAME}`,
      `environments["a..b"]: ${BAD_NAME}`,
      `environments["x.lock"]: ${BAD_NAME}`,
    ]);
  });

  it("still checks the settings of an environment with a bad name", () => {
    expect(issuesOf("environments:\n  prod/eu: { path: a, autoMerge: 1 }\n")).toEqual([
      `environments["prod/eu"]: ${BAD_NAME}`,
      'environments["prod/eu"].autoMerge: expected true or false, got a number',
    ]);
  });

  it("requires registries on allowed-registries and refuses them elsewhere", () => {
    expect(
      issuesOf(
        withEnvironments(`policies:
  - builtin: allowed-registries
  - builtin: no-latest-tag
    registries: [ghcr.io/acme]
`),
      ),
    ).toEqual([
      "policies[0].registries: missing (expected the registries images may come from, like [ghcr.io/acme], for allowed-registries)",
      "policies[1].registries: only allowed-registries takes registries",
    ]);
  });

  it("rejects policies naming unknown environments", () => {
    expect(
      issuesOf(
        withEnvironments(`policies:
  - builtin: no-latest-tag
    environments: [production, prod]
  - name: replicas
    environments: [qa]
    cel: "object.spec.replicas >= 2"
    message: at least 2 replicas
`),
      ),
    ).toEqual([
      "policies[0].environments[1]: unknown environment; expected one of: dev, staging, production",
      "policies[1].environments[0]: unknown environment; expected one of: dev, staging, production",
    ]);
  });

  it("rejects an image listed twice, also under another spelling of the same name", () => {
    expect(
      issuesOf(
        withEnvironments(`images:
  - name: redis
  - name: ghcr.io/acme/api
  - name: docker.io/library/redis
  - name: ghcr.io/acme/api
`),
      ),
    ).toEqual([
      "images[2].name: duplicate image: images[0].name names the same image; expected each image once",
      "images[3].name: duplicate image: images[1].name names the same image; expected each image once",
    ]);
  });

  it("rejects two rules of the same name", () => {
    expect(
      issuesOf(
        withEnvironments(`policies:
  - { name: replicas, cel: "true", message: a }
  - { name: replicas, cel: "false", message: b }
`),
      ),
    ).toEqual(["policies[1].name: duplicate rule name: policies[0].name has the same name; expected a name of its own"]);
  });
});

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { issuesOf, withEnvironments } from "./config-issues.js";

/** A config whose production environment has `requires` written as the flow mapping `requires`. */
function withRequires(requires: string): string {
  return `environments:\n  dev: { path: deploy/dev }\n  production: { path: deploy/production, from: dev, requires: ${requires} }\n`;
}

describe("environment paths", () => {
  it.each([
    ["''", "expected a directory path like deploy/overlays/dev"],
    ["/deploy/dev", 'expected a path relative to the repository root, without a leading "/"'],
    ["'C:/deploy'", 'expected a path relative to the repository root, without a leading "/"'],
    ["deploy/../secrets", 'expected a path inside the repository, without ".."'],
    ["'deploy\\dev'", 'expected a path with forward slashes "/"'],
    ["'deploy/*'", "expected one directory, not a glob pattern"],
    ["5", "expected a directory path like deploy/overlays/dev, got a number"],
  ])("rejects path %s", (path, message) => {
    expect(issuesOf(`environments:\n  dev: { path: ${path} }\n`)).toEqual([`environments.dev.path: ${message}`]);
  });

  it("requires a path", () => {
    expect(issuesOf("environments:\n  dev: { autoMerge: true }\n")).toEqual([
      "environments.dev.path: missing (expected a directory path like deploy/overlays/dev)",
    ]);
  });

  it("rejects an environment that is not a mapping", () => {
    expect(issuesOf("environments:\n  dev: deploy/dev\n")).toEqual([
      "environments.dev: expected a mapping with path and optionally from, autoMerge, requires, got text",
    ]);
  });
});

describe("requirements", () => {
  it.each(["30s", "30m", "2h", "1d", "1h30m", "1d12h", "0s"])("accepts soak %s", (soak) => {
    expect(parseConfig(withRequires(`{ soak: ${soak} }`)).environments.production?.requires?.soak).toBe(soak);
  });

  it.each([
    ["30 minutes", ""],
    ["30", ", got a number"],
    ["30m1h", ""],
    ["1.5h", ""],
    ["''", ""],
  ])("rejects soak %s", (soak, found) => {
    expect(issuesOf(withRequires(`{ soak: ${soak} }`))).toEqual([`environments.production.requires.soak: expected a duration like 30m, 2h or 1d${found}`]);
  });

  it.each([
    ["-1", ""],
    ["1.5", ", got a number"],
    ["'2'", ", got text"],
  ])("rejects approvals %s", (approvals, found) => {
    expect(issuesOf(withRequires(`{ approvals: ${approvals} }`))).toEqual([
      `environments.production.requires.approvals: expected a whole number of approvals, 0 or more${found}`,
    ]);
  });

  it("checks reviewers, with a hint for a user written with @", () => {
    expect(issuesOf(withRequires(`{ reviewers: ["@alice", "acme/sre", "@acme/sre", bob, "not a login"] }`))).toEqual([
      'environments.production.requires.reviewers[0]: expected a user login without "@" (like alice) or a team with its organisation (like "@acme/sre")',
      'environments.production.requires.reviewers[1]: expected a team like "@acme/sre" or a user login like alice',
      'environments.production.requires.reviewers[4]: expected a team like "@acme/sre" or a user login like alice',
    ]);
    expect(issuesOf(withRequires("{ reviewers: [] }"))).toEqual([
      "environments.production.requires.reviewers: expected at least one team or user (leave reviewers out to let anyone with write access approve)",
    ]);
  });

  it("checks windows: days, hours and time zone", () => {
    expect(
      issuesOf(
        withRequires(`{ windows: [
          { days: Mon-Thurs, hours: "9:00-16:00", timezone: Europe/Berlinn },
          { days: "Mon,,Fri", hours: "22:00-06:00", timezone: CET },
          { days: Sat-Sun, hours: "10:00-10:00", timezone: UTC },
          { days: Sun, hours: "00:00-24:30", timezone: "" },
          { days: Mon },
          "Mon-Fri 9-5"
        ] }`),
      ),
    ).toMatchInlineSnapshot(`
      [
        "environments.production.requires.windows[0].days: expected days like Mon-Fri, Mon,Wed,Fri or Sat-Sun",
        "environments.production.requires.windows[0].hours: expected hours like "09:00-16:00" (HH:MM-HH:MM, from 00:00 to 24:00)",
        "environments.production.requires.windows[0].timezone: expected an IANA time zone name like Europe/Berlin",
        "environments.production.requires.windows[1].days: expected days like Mon-Fri, Mon,Wed,Fri or Sat-Sun",
        "environments.production.requires.windows[1].hours: expected the start before the end (a window cannot cross midnight: write two windows)",
        "environments.production.requires.windows[1].timezone: expected an IANA time zone name like Europe/Berlin",
        "environments.production.requires.windows[2].hours: expected the start before the end (a window cannot cross midnight: write two windows)",
        "environments.production.requires.windows[3].hours: expected hours like "09:00-16:00" (HH:MM-HH:MM, from 00:00 to 24:00)",
        "environments.production.requires.windows[3].timezone: expected an IANA time zone name like Europe/Berlin",
        "environments.production.requires.windows[4].hours: missing (expected hours like "09:00-16:00")",
        "environments.production.requires.windows[4].timezone: missing (expected an IANA time zone name like Europe/Berlin)",
        "environments.production.requires.windows[5]: expected a window like { days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }, got text",
      ]
    `);
  });

  it("accepts the documented forms of windows", () => {
    const config = parseConfig(
      withRequires(`{ windows: [
        { days: "Mon,Wed,Fri", hours: "00:00-24:00", timezone: America/New_York },
        { days: "mon-wed, Friday", hours: "09:30-17:45", timezone: UTC },
        { days: Fri-Mon, hours: "23:00-24:00", timezone: Asia/Kolkata }
      ] }`),
    );
    expect(config.environments.production?.requires?.windows).toHaveLength(3);
  });

  it("refuses Promenade's own checks as required checks", () => {
    expect(issuesOf(withRequires('{ checks: ["e2e", "promenade/gate", ""] }'))).toEqual([
      "environments.production.requires.checks[1]: expected another tool's check run (Promenade's own checks are always part of the gate)",
      "environments.production.requires.checks[2]: expected the name of a check run",
    ]);
  });

  it("rejects unknown keys in requires", () => {
    expect(issuesOf(withRequires("{ approval: 2 }"))).toEqual([
      'environments.production.requires.approval: unknown key (did you mean "approvals"?); expected one of: approvals, reviewers, soak, windows, checks, healthy, healthChecks',
    ]);
  });
});

describe("images", () => {
  it("checks names, ranges, patterns and sources", () => {
    expect(
      issuesOf(
        withEnvironments(`images:
  - name: ghcr.io/acme/api:1.0
    versions: latest
    source: https://github.com/acme/api
  - name: GHCR.io/Acme/API
    versions: ""
    tags: { allow: "^main-[", deny: "(" }
  - name: ghcr.io/acme/worker
    tags: { deny: "-debug$" }
  - versions: "^1.0.0"
`),
      ),
    ).toMatchInlineSnapshot(`
      [
        "images[0].name: expected an image name without tag or digest (leave out :tag and @digest)",
        "images[0].versions: expected a semver range like ">=1.0.0 <2.0.0" or "^1.2.0"",
        "images[0].source: expected a GitHub repository like acme/api",
        "images[1].name: expected an image name like ghcr.io/acme/api (lowercase, without tag)",
        "images[1].versions: expected a semver range like ">=1.0.0 <2.0.0" or "^1.2.0"",
        "images[1].tags.allow: expected a regular expression that compiles: missing closing ]",
        "images[1].tags.deny: expected a regular expression that compiles: missing closing )",
        "images[2].tags.allow: missing (expected a regular expression as text)",
        "images[3].name: missing (expected an image name like ghcr.io/acme/api)",
      ]
    `);
  });

  it("allows versions and tags on one image", () => {
    const config = parseConfig(
      withEnvironments(`images:
  - name: ghcr.io/acme/api
    versions: ">=1.0.0"
    tags: { allow: "^v", deny: "-rc" }
`),
    );
    expect(config.images).toEqual([{ name: "ghcr.io/acme/api", versions: ">=1.0.0", tags: { allow: "^v", deny: "-rc" } }]);
  });
});

describe("pull requests and commands", () => {
  it("checks group, labels and minimumPermission", () => {
    expect(
      issuesOf(
        withEnvironments(`pullRequests: { group: images, labels: promotion }
commands: { minimumPermission: writer, prefix: "/" }
`),
      ),
    ).toEqual([
      'pullRequests.group: expected "image" or "environment"',
      "pullRequests.labels: expected a list of label names, like [promotion], got text",
      "commands.minimumPermission: expected one of read, triage, write, maintain, admin",
      "commands.prefix: unknown key; expected one of: minimumPermission",
    ]);
    expect(issuesOf(withEnvironments(`pullRequests: { labels: ["${"x".repeat(51)}"] }\n`))).toEqual([
      "pullRequests.labels[0]: expected a label name of at most 50 characters",
    ]);
    expect(issuesOf(withEnvironments("pullRequests: { pinDigests: yes }\n"))).toEqual(["pullRequests.pinDigests: expected true or false, got text"]);
  });

  it("keeps given settings", () => {
    const config = parseConfig(
      withEnvironments("pullRequests: { group: environment, labels: [], pinDigests: true }\ncommands: { minimumPermission: admin }\n"),
    );
    expect(config.pullRequests).toEqual({ group: "environment", labels: [], pinDigests: true });
    expect(config.commands).toEqual({ minimumPermission: "admin" });
  });
});

describe("policies", () => {
  it("judges each entry as the kind of policy it most looks like", () => {
    expect(
      issuesOf(
        withEnvironments(`policies:
  - builtin: no-latest-tags
  - builtin: require-digest
    severity: fatal
  - name: replicas
    cel: "object.spec.replicas >= 2"
    mesage: two replicas
  - name: ""
    cel: "true"
    message: m
    match: { kind: Deployment, labels: { app: api } }
  - no-latest-tag
  - {}
  - builtin: allowed-registries
    registries: ["https://ghcr.io", ghcr.io/acme, "localhost:5000"]
    environments: []
`),
      ),
    ).toMatchInlineSnapshot(`
      [
        "policies[0].builtin: expected one of no-latest-tag, allowed-registries, require-digest, require-resource-limits, no-privileged",
        "policies[1].severity: expected "error" or "warning"",
        "policies[2].mesage: unknown key (did you mean "message"?); expected one of: name, environments, match, cel, message, severity",
        "policies[2].message: missing (expected a message that says what the rule wants)",
        "policies[3].name: expected a name for the rule, like prod-replicas",
        "policies[3].match.labels: unknown key; expected one of: kind, name, namespace",
        "policies[4]: expected a built-in policy like { builtin: no-latest-tag } or a rule with name, cel and message, got text",
        "policies[5].builtin: missing (expected one of no-latest-tag, allowed-registries, require-digest, require-resource-limits, no-privileged)",
        "policies[6].registries[0]: expected a registry like ghcr.io or a registry path like ghcr.io/acme (no https://)",
        "policies[6].environments: expected at least one environment (leave environments out to apply everywhere)",
      ]
    `);
  });

  it("compiles CEL: an expression that does not compile is an error at its key (more in test/policy/cel-config.test.ts)", () => {
    expect(issuesOf(withEnvironments('policies:\n  - { name: r, cel: "this is ((( not CEL", message: m, severity: warning }\n'))).toEqual([
      expect.stringMatching(/^policies\[0\]\.cel: does not compile: /),
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/engine/errors.js";
import { CONFIG_PATH, parseConfig } from "../../src/engine/config/parse-config.js";
import { issuesOf } from "./config-issues.js";

/** The configuration example of docs/configuration.md, verbatim. */
const DOCUMENTED_EXAMPLE = `environments:
  dev:
    path: deploy/overlays/dev
    autoMerge: true            # merge promotion PRs into dev once checks pass
  staging:
    path: deploy/overlays/staging
    from: dev
  production:
    path: deploy/overlays/production
    from: staging
    requires:
      approvals: 2                        # reviews on the PR's head commit
      reviewers: ["@acme/sre", "alice"]  # whose approvals count (team slugs or users); default: anyone with write
      soak: 30m                           # the version must have run this long in \`from\` (s, m, h, d)
      windows:                            # merges allowed only inside one of these
        - { days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }
      checks: ["e2e"]                     # other check runs that must have succeeded on the head commit

images:                 # optional; default: every image referenced in a root environment
  - name: ghcr.io/acme/api
    versions: ">=1.0.0 <2.0.0"     # semver range; tags outside it are never promoted
    source: acme/api              # optional: code repo, for changelog links and release notes
  - name: ghcr.io/acme/worker
    tags: { allow: "^main-[0-9a-f]{7}$" }   # non-semver: newest pushed wins

pullRequests:
  group: image          # image (default): one PR per image per environment | environment: one PR per environment
  labels: [promotion]
  pinDigests: false     # true: a pushed digest is also written where a reference has none

policies:
  - builtin: no-latest-tag
  - builtin: allowed-registries
    registries: [ghcr.io/acme]
    environments: [production]
  - name: prod-replicas
    environments: [production]
    match: { kind: Deployment }
    cel: "object.spec.replicas >= 2"
    message: production Deployments run at least 2 replicas
    severity: error          # error blocks the merge; warning only reports

commands:
  minimumPermission: write   # read | triage | write | maintain | admin
`;

describe("parseConfig", () => {
  it("reads the documented example, with defaults applied", () => {
    expect(parseConfig(DOCUMENTED_EXAMPLE)).toEqual({
      environments: {
        dev: { path: "deploy/overlays/dev", autoMerge: true },
        staging: { path: "deploy/overlays/staging", from: "dev", autoMerge: false },
        production: {
          path: "deploy/overlays/production",
          from: "staging",
          autoMerge: false,
          requires: {
            approvals: 2,
            reviewers: ["@acme/sre", "alice"],
            soak: "30m",
            windows: [{ days: "Mon-Thu", hours: "09:00-16:00", timezone: "Europe/Berlin" }],
            checks: ["e2e"],
          },
        },
      },
      images: [
        { name: "ghcr.io/acme/api", versions: ">=1.0.0 <2.0.0", source: "acme/api" },
        { name: "ghcr.io/acme/worker", tags: { allow: "^main-[0-9a-f]{7}$" } },
      ],
      pullRequests: { group: "image", labels: ["promotion"], pinDigests: false },
      policies: [
        { builtin: "no-latest-tag", severity: "error" },
        { builtin: "allowed-registries", registries: ["ghcr.io/acme"], environments: ["production"], severity: "error" },
        {
          name: "prod-replicas",
          environments: ["production"],
          match: { kind: "Deployment" },
          cel: "object.spec.replicas >= 2",
          message: "production Deployments run at least 2 replicas",
          severity: "error",
        },
      ],
      commands: { minimumPermission: "write" },
    });
  });

  it("reads the example repository's config", () => {
    const text = readFileSync(new URL("../../examples/fleet/.github/promenade.yml", import.meta.url), "utf8");
    expect(Object.keys(parseConfig(text).environments)).toEqual(["dev", "staging", "production"]);
  });

  it("fills every default into a minimal config", () => {
    expect(parseConfig("environments:\n  dev:\n    path: deploy/dev\n")).toEqual({
      environments: { dev: { path: "deploy/dev", autoMerge: false } },
      pullRequests: { group: "image", labels: ["promotion"], pinDigests: false },
      policies: [],
      commands: { minimumPermission: "write" },
    });
  });

  it("fills the defaults of requirements and policies", () => {
    const config = parseConfig(`environments:
  dev: { path: deploy/dev }
  production: { path: deploy/production, from: dev, requires: { soak: 1h30m } }
policies:
  - { name: r, cel: "true", message: m }
`);
    expect(config.environments.production?.requires).toEqual({ approvals: 0, soak: "1h30m", windows: [], checks: [] });
    expect(config.policies).toEqual([{ name: "r", cel: "true", message: "m", severity: "error" }]);
    expect(config.images).toBeUndefined();
  });

  it("accepts Probot's _extends and leaves it alone", () => {
    const config = parseConfig("_extends: acme/.github\nenvironments:\n  dev: { path: deploy/dev }\n");
    expect(config._extends).toBe("acme/.github");
  });

  it("accepts YAML anchors and merge keys", () => {
    const config = parseConfig(`environments:
  staging: { path: deploy/staging }
  eu:
    path: deploy/eu
    from: staging
    requires: &gate { approvals: 2, soak: 1d }
  us:
    path: deploy/us
    from: staging
    requires: { <<: *gate, approvals: 1 }
`);
    expect(config.environments.us?.requires).toEqual({ approvals: 1, soak: "1d", windows: [], checks: [] });
  });

  it("names the file in the error, and the file given", () => {
    expect(CONFIG_PATH).toBe(".github/promenade.yml");
    let thrown: unknown;
    try {
      parseConfig("environments: 5\n", "org/.github/promenade.yml");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).file).toBe("org/.github/promenade.yml");
    expect((thrown as ConfigError).message).toBe(
      "Invalid config in org/.github/promenade.yml: environments: expected a mapping of environment names to environments, got a number",
    );
  });

  it("rejects an unknown key, naming it and suggesting the likely one", () => {
    expect(issuesOf("environments:\n  dev: { path: deploy/dev, autoMege: true }\nimage: []\n")).toEqual([
      'environments.dev.autoMege: unknown key (did you mean "autoMerge"?); expected one of: path, from, autoMerge, requires',
      'image: unknown key (did you mean "images"?); expected one of: _extends, environments, images, pullRequests, policies, commands',
    ]);
  });

  it("reports a YAML syntax error once, with its line", () => {
    expect(issuesOf("environments:\n  dev:\n    path: deploy/dev\n   from: [dev\n")).toMatchInlineSnapshot(`
      [
        "line 4: wrong indentation: the items of one mapping or list start at the same column",
      ]
    `);
  });

  it("reports a key written twice with its line", () => {
    expect(issuesOf("environments:\n  dev: { path: a }\n  dev: { path: b }\n")).toEqual(["line 3: a key may appear only once in a mapping"]);
  });

  it("reports a second YAML document", () => {
    expect(issuesOf("environments:\n  dev: { path: a }\n---\nfoo: 1\n")).toEqual(["line 3: expected a single YAML document, but a second one starts here"]);
  });

  it("rejects an empty file and a file of comments", () => {
    expect(issuesOf("")).toEqual(["the file is empty; expected a mapping with at least environments"]);
    expect(issuesOf("# promenade, some day\n")).toEqual(["the file is empty; expected a mapping with at least environments"]);
  });

  it("rejects a file whose top level is not a mapping", () => {
    expect(issuesOf("- dev\n- staging\n")).toEqual([
      "expected a mapping (environments, images, pullRequests, policies, commands) at the top level, got a list",
    ]);
    expect(issuesOf("promenade\n")).toEqual([
      "expected a mapping (environments, images, pullRequests, policies, commands) at the top level, got a single value",
    ]);
  });

  it("requires at least one environment", () => {
    expect(issuesOf("images: []\n")).toEqual(["environments: missing (expected a mapping of environment names to environments)"]);
    expect(issuesOf("environments: {}\n")).toEqual(["environments: expected at least one environment"]);
    expect(issuesOf("environments:\n")).toEqual(["environments: expected a mapping of environment names to environments, got an empty value"]);
  });

  it("reports every problem at once, in the order of the file", () => {
    expect(
      issuesOf(`environments:
  dev:
    path: /deploy/dev
    autoMerge: yes
  staging:
    path: deploy/staging
    from: stagin
  production:
    path: deploy/staging/prod
    from: staging
    requires:
      soak: 30 minutes
      approvals: two
images:
  - name: ghcr.io/acme/api:1.0
    versions: latest
pullRequests: { group: images }
policies:
  - builtin: allowed-registries
  - name: r
    cel: ""
commands: { minimumPermission: writer }
`),
    ).toMatchInlineSnapshot(`
      [
        "environments.dev.path: expected a path relative to the repository root, without a leading "/"",
        "environments.dev.autoMerge: expected true or false, got text",
        "environments.staging.from: unknown environment (did you mean "staging"?); expected one of: dev, staging, production",
        "environments.production.path: inside the directory of environments.staging.path; expected a directory of its own, not overlapping another environment's",
        "environments.production.requires.soak: expected a duration like 30m, 2h or 1d",
        "environments.production.requires.approvals: expected a whole number of approvals, 0 or more, got text",
        "images[0].name: expected an image name without tag or digest (leave out :tag and @digest)",
        "images[0].versions: expected a semver range like ">=1.0.0 <2.0.0" or "^1.2.0"",
        "pullRequests.group: expected "image" or "environment"",
        "policies[0].registries: missing (expected the registries images may come from, like [ghcr.io/acme], for allowed-registries)",
        "policies[1].cel: expected a CEL expression like "object.spec.replicas >= 2"",
        "policies[1].message: missing (expected a message that says what the rule wants)",
        "commands.minimumPermission: expected one of read, triage, write, maintain, admin",
      ]
    `);
  });

  it("puts every problem in the ConfigError message", () => {
    expect(() => parseConfig("environments:\n  dev: { path: '' }\nfoo: 1\n")).toThrow(
      "Invalid config in .github/promenade.yml: environments.dev.path: expected a directory path like deploy/overlays/dev; foo: unknown key; expected one of: _extends, environments, images, pullRequests, policies, commands",
    );
  });
});

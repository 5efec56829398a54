import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { ConfigError } from "../../src/engine/errors.js";
import { configCheckFailure, configIssueBodyMarkdown } from "../../src/engine/markdown/config-issue.js";

/** A value that looks like a credential; it must never come back out of a problem. */
const SECRET = "AKIAs3cr3tHunter2";

/** Every text a ConfigError of `yaml` is shown in: the issue body, the check run, the CLI's message. */
function shownTexts(yaml: string): string[] {
  try {
    parseConfig(yaml);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const check = configCheckFailure(error);
    return [configIssueBodyMarkdown(error, "main"), check.title, check.summary, error.message];
  }
  throw new Error("expected the config to be invalid");
}

/**
 * The secret as the value at every kind of wrong place: wrong types, unknown
 * keys, bad enums, patterns, durations, names, CEL and `_extends`. Keys are
 * named by problems, so no key holds it.
 */
const EVERYWHERE = `_extends: "${SECRET}/repo:${SECRET}.yml"
extra: ${SECRET}
environments:
  dev:
    path: "/${SECRET}"
    autoMerge: "${SECRET}"
    autoMerg: "${SECRET}"
  staging:
    path: "${SECRET}/*"
    from: "${SECRET}"
    requires:
      approvals: "${SECRET}"
      reviewers: ["${SECRET} x", "@${SECRET}"]
      soak: "${SECRET}"
      windows:
        - { days: "${SECRET}", hours: "${SECRET}", timezone: "${SECRET}" }
        - "${SECRET}"
      checks: ["promenade/${SECRET}"]
  prod:
    path: deploy/prod
    from: staging
    requires: { soak: 1h }
  copy:
    path: "deploy/prod"
images:
  - name: "ghcr.io/acme/${SECRET.toLowerCase()}:1.0"
    versions: "${SECRET}"
    tags: { allow: "(?<=${SECRET})", deny: "(${SECRET}" }
    source: "https://${SECRET}"
  - name: "${SECRET}"
  - name: "ghcr.io/acme/api"
  - name: "ghcr.io/acme/api"
pullRequests: { group: "${SECRET}", labels: ["${SECRET}${"x".repeat(50)}"] }
policies:
  - builtin: "${SECRET}"
  - builtin: no-latest-tag
    registries: ["https://${SECRET}"]
    environments: ["${SECRET}"]
  - { name: "${SECRET}", cel: "${SECRET} ((", message: m, severity: "${SECRET}" }
  - { name: "${SECRET}", cel: 'object.kind == "${SECRET}" +', message: m }
  - { name: long, cel: 'object.kind != "${SECRET.repeat(60)}"', message: m }
  - "${SECRET}"
commands: { minimumPermission: "${SECRET}" }
`;

describe("config problems", () => {
  it("name key paths and never repeat a value, wherever it is wrong", () => {
    const texts = shownTexts(EVERYWHERE);
    for (const text of texts) expect(text).not.toContain(SECRET.slice(4));
    // The problems are all there, each at its key.
    expect(texts[2]).toContain("`environments.staging.requires.soak` | expected a duration like 30m, 2h or 1d |");
    expect((texts[2] ?? "").split("\n").length).toBeGreaterThan(30);
  });

  it.each([
    ["an unknown tag", `environments: !${SECRET} {}\n`],
    ["a bad escape", `environments: "\\q${SECRET}"\n`],
    ["a bad block scalar header", `environments: |x${SECRET}\n  a\n`],
    ["an unknown alias", `environments: *${SECRET}\n`],
    ["a directive", `%${SECRET} 1\n---\nenvironments: {}\n`],
  ])("never repeat the file in a YAML error: %s", (_label, yaml) => {
    for (const text of shownTexts(yaml)) expect(text).not.toContain(SECRET);
  });
});

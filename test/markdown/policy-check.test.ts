import { describe, expect, it } from "vitest";
import type { PolicyFinding, PolicyReport } from "../../src/engine/policy/index.js";
import { CHECK_OUTPUT_LIMIT, policyCheckMarkdown } from "../../src/engine/markdown/policy-check.js";
import type { EnvironmentReview } from "../../src/engine/review/review.js";

/** A finding of `policy` at deploy/dev/api.yaml:`line`. */
function finding(policy: string, severity: "error" | "warning", line: number): PolicyFinding {
  return { policy, severity, message: `${policy} fails`, file: "deploy/dev/api.yaml", line, object: line % 2 === 0 ? "Deployment/api" : null };
}

/** A report of `dev` with one result per policy, holding the findings of that policy. */
function report(policies: string[], findings: PolicyFinding[] = []): PolicyReport {
  return {
    environment: "dev",
    results: policies.map((policy) => ({
      policy,
      severity: findings.find((f) => f.policy === policy)?.severity ?? "error",
      description: `wants ${policy}`,
      checked: 3,
      checkedUnit: "reference",
      findings: findings.filter((f) => f.policy === policy),
    })),
  };
}

/** A review of dev with the policy report `policy` and `overrides`. */
function review(policy: PolicyReport | null, overrides: Partial<EnvironmentReview> = {}): EnvironmentReview {
  const rendered = { status: "skipped", reason: "off" } as const;
  return { environment: "dev", gated: false, files: [], images: [], drift: [], policy, problems: [], rendered, ...overrides };
}

describe("policyCheckMarkdown", () => {
  it("fails on an error finding, annotating each finding at its level", () => {
    const check = policyCheckMarkdown([
      review(report(["no-latest-tag", "allowed-registries"], [finding("no-latest-tag", "error", 4), finding("allowed-registries", "warning", 7)])),
    ]);
    expect([check.conclusion, check.title]).toEqual(["failure", "1 error, 1 warning in dev"]);
    expect(check.annotations).toEqual([
      {
        path: "deploy/dev/api.yaml",
        startLine: 4,
        endLine: 4,
        level: "failure",
        title: "no-latest-tag (error)",
        message: "no-latest-tag fails (Deployment/api)",
      },
      { path: "deploy/dev/api.yaml", startLine: 7, endLine: 7, level: "warning", title: "allowed-registries (warning)", message: "allowed-registries fails" },
    ]);
    expect(check.summary).toMatchInlineSnapshot(`
      "### dev

      | policy | severity | result | checked | wants |
      | --- | --- | --- | --- | --- |
      | \`no-latest-tag\` | error | ❌ 1 error | 3 | wants no-latest-tag |
      | \`allowed-registries\` | warning | ⚠️ 1 warning | 3 | wants allowed-registries |"
    `);
  });

  it("succeeds with warnings only", () => {
    const check = policyCheckMarkdown([review(report(["a", "b"], [finding("a", "warning", 1), finding("b", "warning", 2)]))]);
    expect([check.conclusion, check.title]).toEqual(["success", "2 warnings in dev"]);
  });

  it("fails on a file that cannot be read, annotated at its line or the first", () => {
    const problems = [
      { file: "deploy/dev/a.yaml", line: 3, message: "not valid YAML" },
      { file: "deploy/dev/b.yaml", message: "too large" },
    ];
    const check = policyCheckMarkdown([review(null, { problems }), review(report([]), { environment: "prod" })]);
    expect([check.conclusion, check.title]).toEqual(["failure", "2 files cannot be read in dev, prod"]);
    expect(check.annotations.map((a) => `${a.path}:${a.startLine}-${a.endLine} ${a.level} ${a.title}: ${a.message}`)).toEqual([
      "deploy/dev/a.yaml:3-3 failure cannot be read: not valid YAML",
      "deploy/dev/b.yaml:1-1 failure cannot be read: too large",
    ]);
    expect(check.summary).toBe("### dev\n\nPolicies not evaluated: a file cannot be read.\n\n### prod\n\nNo policy applies.");
  });

  it("titles passing policies in the singular and the plural", () => {
    expect(policyCheckMarkdown([review(report(["a"]))]).title).toBe("1 policy passes in dev");
    expect(policyCheckMarkdown([review(report(["a", "b"]))]).title).toBe("2 policies pass in dev");
    expect(policyCheckMarkdown([review(report([]))]).title).toBe("No policy applies to dev");
    expect(policyCheckMarkdown([review(report([]))]).conclusion).toBe("success");
  });

  it("holds every diff as its text, cut at a line end within GitHub's limit with a note", () => {
    const line = `+${"x".repeat(99)}\n`;
    /** The check's text for an added file of 1,000 lines of 100 characters, after a header line of `pad` more. */
    const textWith = (pad: number): string => {
      const diff = `--- a/deploy/dev/a.yaml${" ".repeat(pad)}\n+++ b/deploy/dev/a.yaml\n${line.repeat(1000)}`;
      return policyCheckMarkdown([review(report([]), { files: [{ path: "deploy/dev/a.yaml", status: "added", diff, added: 1000, removed: 0, masked: 0 }] })])
        .text;
    };
    for (let pad = 0; pad < line.length; pad++) {
      const text = textWith(pad);
      expect(text.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
      expect(text.length).toBeGreaterThan(CHECK_OUTPUT_LIMIT - line.length);
      expect(text).toMatch(/\n\+x{99}\n```\n\n_…cut at GitHub's limit for check run output; the Files tab shows every change\._$/);
    }
  });

  it("cuts a summary over GitHub's limit at a line end with a note", () => {
    const policies = Array.from({ length: 1000 }, (_, i) => `policy-${i}-${"p".repeat(60)}`);
    const { summary } = policyCheckMarkdown([review(report(policies))]);
    expect(summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(summary).toMatch(/\| wants policy-\d+-p{60} \|\n\n_…cut at GitHub's limit for check run output; the annotations list every finding\._$/);
  });

  it("holds a short diff whole, and says when there is none", () => {
    const diff = "--- a/deploy/dev/a.yaml\n+++ b/deploy/dev/a.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n";
    const file = { path: "deploy/dev/a.yaml", status: "modified" as const, diff, added: 1, removed: 1, masked: 0 };
    expect(policyCheckMarkdown([review(report([]), { files: [file] })]).text).toBe(`## Full diff\n\n\`\`\`diff\n${diff}\`\`\``);
    expect(policyCheckMarkdown([review(report([]))]).text).toBe("No file diff to show.");
  });
});

/**
 * What evaluating policies gives: findings at a file and line, grouped by
 * policy and environment. The app renders these in its PR comment and check
 * run; the CLI prints them.
 */
import type { Severity } from "../config/schema.js";

/** One violation of a policy, at a file and line. */
export interface PolicyFinding {
  /** The built-in name (`no-latest-tag`) or the CEL rule's name. */
  policy: string;
  severity: Severity;
  /** One line: what is wrong, naming the container, image or object, and what the rule wants. */
  message: string;
  /** Repository-relative POSIX path. */
  file: string;
  /**
   * 1-based line of the offending value: the tag text, the `privileged: true`,
   * the container entry lacking limits, the start of the object for CEL rules.
   */
  line: number;
  /**
   * The object the finding is in: `Deployment/api`, with a namespace
   * `Deployment/shop/api`; null outside Kubernetes objects (Helm values,
   * kustomization.yaml).
   */
  object: string | null;
}

/** What a policy counts in `checked`. */
export type CheckedUnit = "reference" | "container" | "object";

/** One policy's outcome in one environment. */
export interface PolicyResult {
  policy: string;
  severity: Severity;
  /** What the rule wants, one line: a fixed text for built-ins, the rule's message for CEL rules. */
  description: string;
  /** How many things the policy looked at: image references, containers or objects (see `checkedUnit`). */
  checked: number;
  /** What `checked` counts: image references (image rules), containers (container rules) or Kubernetes objects (CEL rules). */
  checkedUnit: CheckedUnit;
  findings: PolicyFinding[];
}

/** A file of the environment whose objects the policies did not judge, and why. */
export interface NotJudged {
  file: string;
  /** One line, e.g. "kustomize patch named in `patches` of deploy/production/kustomization.yaml: ...". */
  reason: string;
}

/** Every policy's outcome in one environment. */
export interface PolicyReport {
  environment: string;
  /** One per policy that applies to the environment, in config order. */
  results: PolicyResult[];
  /** The program that rendered the manifests the policies judged (`kubectl kustomize (Kustomize v5.5.0)`); absent when they judged the environment's files. */
  renderedBy?: string;
  /** Files whose objects were not judged (kustomize patches, without a renderer), in path order; absent when there are none. */
  notJudged?: NotJudged[];
}

/** A finding before the policy's name and severity are added: what one rule reports. */
export type Violation = Omit<PolicyFinding, "policy" | "severity">;

/** What one rule found in one environment. */
export interface RuleOutcome {
  description: string;
  checked: number;
  checkedUnit: CheckedUnit;
  violations: Violation[];
}

/** Whether any finding of the report has severity error. */
export function hasErrors(report: PolicyReport): boolean {
  return report.results.some((result) => result.findings.some((finding) => finding.severity === "error"));
}

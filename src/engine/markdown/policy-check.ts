/**
 * The `promenade/policy` check run on a pull request's head commit: the
 * policy verdict as its conclusion and title, the results per environment as
 * its summary, each finding as an annotation at its file and line, and the
 * full diff (as much as fits) as its text, for when the comment had to leave
 * diffs out.
 */
import type { PolicyFinding } from "../policy/index.js";
import type { EnvironmentReview } from "../review/review.js";
import { codeSpan, fenced, markdownTable, plainText, plural, tableCell } from "./syntax.js";
import { findingCounts, policyNotes } from "./review-comment.js";

/** GitHub's limit on a check run's summary and on its text, in characters. */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** One annotation of the check run. */
export interface PolicyAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: "warning" | "failure";
  title: string;
  message: string;
}

/** The check run's conclusion and output. */
export interface PolicyCheck {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  text: string;
  annotations: PolicyAnnotation[];
}

/**
 * The `promenade/policy` check for the reviews of a pull request: failure
 * when a finding has severity error or a file cannot be read, success
 * otherwise (warnings included).
 */
export function policyCheckMarkdown(reviews: readonly EnvironmentReview[]): PolicyCheck {
  const findings = reviews.flatMap(findingsOf);
  const problems = reviews.flatMap((review) => review.problems);
  return {
    conclusion: blockingCount(reviews) > 0 ? "failure" : "success",
    title: title(reviews, findings, problems.length),
    summary: limited(reviews.map(environmentSummary).join("\n\n"), "the annotations list every finding"),
    text: fullDiff(reviews),
    annotations: [
      ...problems.map((problem) => ({
        path: problem.file,
        startLine: problem.line ?? 1,
        endLine: problem.line ?? 1,
        level: "failure" as const,
        title: "cannot be read",
        message: problem.message,
      })),
      ...findings.map(annotation),
    ],
  };
}

/** How many things block the merge: error-severity findings and files that cannot be read. */
export function blockingCount(reviews: readonly EnvironmentReview[]): number {
  return reviews.reduce((sum, review) => sum + review.problems.length + findingsOf(review).filter((finding) => finding.severity === "error").length, 0);
}

function findingsOf(review: EnvironmentReview): PolicyFinding[] {
  return review.policy?.results.flatMap((result) => result.findings) ?? [];
}

function title(reviews: readonly EnvironmentReview[], findings: readonly PolicyFinding[], problems: number): string {
  const names = reviews.map((review) => review.environment).join(", ");
  if (problems > 0) return `${plural(problems, "file")} cannot be read in ${names}`;
  if (findings.length > 0) return `${findingCounts(findings)} in ${names}`;
  const policies = reviews.reduce((sum, review) => sum + (review.policy?.results.length ?? 0), 0);
  return policies === 0 ? `No policy applies to ${names}` : `${plural(policies, "policy", "policies")} ${policies === 1 ? "passes" : "pass"} in ${names}`;
}

function environmentSummary(review: EnvironmentReview): string {
  const results = review.policy?.results ?? [];
  const heading = `### ${plainText(review.environment)}`;
  if (review.policy === null) return `${heading}\n\nPolicies not evaluated: a file cannot be read.`;
  if (results.length === 0) return `${heading}\n\nNo policy applies.`;
  const rows = results.map((result) => {
    const errors = result.findings.filter((finding) => finding.severity === "error").length;
    const outcome = result.findings.length === 0 ? "✅ pass" : errors > 0 ? `❌ ${plural(errors, "error")}` : `⚠️ ${plural(result.findings.length, "warning")}`;
    return [codeSpan(result.policy), result.severity, outcome, String(result.checked), tableCell(result.description)];
  });
  return [heading, markdownTable(["policy", "severity", "result", "checked", "wants"], rows), ...policyNotes(review.policy)].join("\n\n");
}

function annotation(finding: PolicyFinding): PolicyAnnotation {
  return {
    path: finding.file,
    startLine: finding.line,
    endLine: finding.line,
    level: finding.severity === "error" ? "failure" : "warning",
    title: `${finding.policy} (${finding.severity})`,
    message: finding.object === null ? finding.message : `${finding.message} (${finding.object})`,
  };
}

/** Every diff of the reviews, rendered manifests included, Secret values masked as in the comment; cut to fit CHECK_OUTPUT_LIMIT. */
function fullDiff(reviews: readonly EnvironmentReview[]): string {
  const diffs = reviews.flatMap((review) => [
    ...review.files.map((file) => file.diff),
    ...(review.rendered.status === "rendered" ? [review.rendered.diff] : []),
  ]);
  const joined = diffs.filter((diff) => diff !== "").join("");
  if (joined === "") return "No file diff to show.";
  const text = `## Full diff\n\n${fenced(joined, "diff")}`;
  if (text.length <= CHECK_OUTPUT_LIMIT) return text;
  const note = "\n\n_…cut at GitHub's limit for check run output; the Files tab shows every change._";
  const room = CHECK_OUTPUT_LIMIT - note.length - (text.length - joined.length);
  return `## Full diff\n\n${fenced(joined.slice(0, joined.lastIndexOf("\n", room - 1) + 1), "diff")}${note}`;
}

/** `text` within CHECK_OUTPUT_LIMIT, cut at a line end with a note saying where the rest is. */
function limited(text: string, rest: string): string {
  if (text.length <= CHECK_OUTPUT_LIMIT) return text;
  const note = `\n\n_…cut at GitHub's limit for check run output; ${rest}._`;
  const end = text.lastIndexOf("\n", CHECK_OUTPUT_LIMIT - note.length);
  return `${text.slice(0, end)}${note}`;
}

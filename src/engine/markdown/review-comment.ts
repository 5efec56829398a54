/**
 * The one Promenade comment on a pull request that changes environments'
 * files: per environment, the gate, the policy results, the
 * image versions that move, what else still differs from the source
 * environment, and a diff per file. Kept under COMMENT_LIMIT characters by
 * leaving out the largest diffs first; the `promenade/policy` check run then
 * holds the full diff. Deterministic, so an unchanged review edits nothing.
 */
import type { PolicyFinding, PolicyReport } from "../policy/index.js";
import type { DriftEntry, EnvironmentReview, FileDiff, FileProblem, ImageVersionChange, RenderedDiff } from "../review/review.js";
import { codeSpan, escapeHtml, fenced, markdownTable, plainText, plainTextWithCode, plural, tableCell, versionCell } from "./syntax.js";

/** The hidden marker by which Promenade finds its comment on a pull request. */
export const REVIEW_MARKER = "<!-- promenade:review -->";

/** The check run holding the policy results and the full diff. */
export const POLICY_CHECK_NAME = "promenade/policy";

/** The most characters the comment may hold (GitHub refuses comments over 65,536). */
export const COMMENT_LIMIT = 60_000;

/** A diff longer than this many lines is folded inside `<details>`. */
export const DETAILS_AFTER_LINES = 12;

/** The most policy findings listed per environment in the comment; the check run's annotations hold them all. */
export const FINDINGS_IN_COMMENT = 50;

/** What the comment shows beyond the reviews. */
export interface ReviewCommentOptions {
  /** Per gated environment, the gate section's Markdown; absent: the comment points to the `promenade/gate` check. */
  gates?: ReadonlyMap<string, string>;
  /** The most characters the comment may hold; default COMMENT_LIMIT. */
  limit?: number;
}

/** A diff block that may be left out to fit: its full text and the line that replaces it. */
interface DiffBlock {
  full: string;
  cut: string;
}

type Piece = string | DiffBlock;

/** The comment for the reviews of the environments a pull request changes, starting with REVIEW_MARKER. */
export function reviewCommentMarkdown(reviews: readonly EnvironmentReview[], options: ReviewCommentOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const pieces: Piece[] = [REVIEW_MARKER, headline(reviews), ...reviews.flatMap((review) => environmentPieces(review, options.gates))];
  const blocks = pieces.filter((piece): piece is DiffBlock => typeof piece !== "string");
  const cut = blocksToCut(pieces, blocks, limit);
  const parts = pieces.map((piece) => (typeof piece === "string" ? piece : cut.has(piece) ? piece.cut : piece.full));
  if (cut.size > 0) parts.splice(2, 0, cutNote([...cut]));
  return hardLimit(`${parts.join("\n\n")}\n`, limit);
}

/** `## Promenade` and which environments the pull request changes. */
function headline(reviews: readonly EnvironmentReview[]): string {
  const names = reviews.map((review) => `**${plainText(review.environment)}**`).join(", ");
  const files = reviews.reduce((sum, review) => sum + review.files.length, 0);
  return `## Promenade\n\nThis pull request changes ${plural(files, "file")} of ${names}.`;
}

function environmentPieces(review: EnvironmentReview, gates: ReadonlyMap<string, string> | undefined): Piece[] {
  const heading = `### ${plainText(review.environment)}${review.from === undefined ? "" : ` (promoted from ${plainText(review.from)})`}`;
  const judged = [
    heading,
    gateSection(review, gates),
    policySection(review.policy),
    ...problemSection(review.problems),
    ...warningSection(review.warnings ?? []),
  ];
  if (review.incomplete !== undefined) {
    // Only what is known without the review: no versions, drift or rendering to show.
    return [...judged, `**Files**: ${plural(review.files.length, "file")} changed, not reviewed.`, ...review.files.map(filePiece)];
  }
  return [
    ...judged,
    imageSection(review.images),
    ...driftSection(review),
    filesHeadline(review.files),
    ...review.files.map(filePiece),
    renderedPiece(review.environment, review.rendered),
  ];
}

function gateSection(review: EnvironmentReview, gates: ReadonlyMap<string, string> | undefined): string {
  if (!review.gated) return `**Gate**: none, ${codeSpan(review.environment)} has no \`requires\`.`;
  const section = gates?.get(review.environment) ?? "**Gate**: the `promenade/gate` check on the head commit says what this pull request still needs.";
  return `${gateStart(review.environment)}\n${section}\n${GATE_END}`;
}

const GATE_END = "<!-- /promenade:gate -->";

function gateStart(environment: string): string {
  return `<!-- promenade:gate ${environment} -->`;
}

/**
 * `body` (a comment reviewCommentMarkdown wrote) with the gate section of each
 * environment in `gates` replaced: how a later decision of the gate (after a
 * review, a timer) reaches the comment without reviewing the pull request
 * again. Environments without a section in `body` are left out.
 */
export function replaceGateSections(body: string, gates: ReadonlyMap<string, string>): string {
  let result = body;
  for (const [environment, section] of gates) {
    const start = result.indexOf(gateStart(environment));
    const end = start === -1 ? -1 : result.indexOf(GATE_END, start);
    if (end === -1) continue;
    result = `${result.slice(0, start)}${gateStart(environment)}\n${section}\n${result.slice(end)}`;
  }
  return result;
}

function policySection(report: PolicyReport | null): string {
  if (report === null) return "**Policy**: not evaluated, because a file cannot be read (below).";
  return [policyVerdict(report), ...policyNotes(report)].join("\n\n");
}

/** What the policies judged: the rendered manifests, or the files, and the files they did not judge. */
export function policyNotes(report: PolicyReport): string[] {
  const rendered = report.renderedBy === undefined ? [] : [`Judged on the manifests rendered by ${codeSpan(report.renderedBy)}.`];
  const notJudged = (report.notJudged ?? []).map(({ file, reason }) => `- ${codeSpan(file)}: ${tableCell(reason)}`);
  return notJudged.length === 0 ? rendered : [...rendered, `Not judged as objects:\n\n${notJudged.join("\n")}`];
}

function policyVerdict(report: PolicyReport): string {
  if (report.results.length === 0) return `**Policy**: no policy applies to ${codeSpan(report.environment)}.`;
  const findings = report.results.flatMap((result) => result.findings);
  if (findings.length === 0) {
    const names = report.results.map((result) => codeSpan(result.policy)).join(", ");
    return `**Policy**: ✅ ${report.results.length === 1 ? "the policy passes" : `${report.results.length} policies pass`} (${names}).`;
  }
  const rows = findings.slice(0, FINDINGS_IN_COMMENT).map(findingRow);
  const more = findings.length - rows.length;
  return [
    `**Policy**: ${verdict(findings)}`,
    markdownTable(["", "policy", "where", "what"], rows),
    ...(more > 0 ? [`…and ${plural(more, "more finding")}: the \`${POLICY_CHECK_NAME}\` check run annotates them all.`] : []),
  ].join("\n\n");
}

/** `❌ 1 error, 2 warnings` or `⚠️ 2 warnings`. */
function verdict(findings: readonly PolicyFinding[]): string {
  return `${findings.some((finding) => finding.severity === "error") ? "❌" : "⚠️"} ${findingCounts(findings)}`;
}

/** `1 error, 2 warnings`, `2 warnings`. */
export function findingCounts(findings: readonly PolicyFinding[]): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  return [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(Boolean).join(", ");
}

function findingRow(finding: PolicyFinding): string[] {
  const where = codeSpan(`${finding.file}:${finding.line}`);
  const object = finding.object === null ? "" : ` (${tableCell(finding.object)})`;
  return [finding.severity === "error" ? "❌ error" : "⚠️ warning", codeSpan(finding.policy), where, `${tableCell(finding.message)}${object}`];
}

function problemSection(problems: readonly FileProblem[]): string[] {
  return problems.length === 0 ? [] : [`**Cannot be read** (fix before merging):\n\n${fileList(problems)}`];
}

function warningSection(warnings: readonly FileProblem[]): string[] {
  return warnings.length === 0 ? [] : [`**Not read** (this pull request does not change them; policies left them out):\n\n${fileList(warnings)}`];
}

/** Each file (with its line) and what is wrong with it, as a list. */
function fileList(problems: readonly FileProblem[]): string {
  return problems
    .map((problem) => `- ${codeSpan(problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`)}: ${tableCell(problem.message)}`)
    .join("\n");
}

function imageSection(images: readonly ImageVersionChange[]): string {
  if (images.length === 0) return "**Image versions**: no image changes version.";
  const rows = images.map((change) => [
    codeSpan(change.image),
    change.from === null ? "—" : versionCell(change.from),
    change.to === null ? "—" : versionCell(change.to),
    change.bump,
  ]);
  return `**Image versions**\n\n${markdownTable(["image", "from", "to", "bump"], rows)}`;
}

function driftSection(review: EnvironmentReview): string[] {
  if (review.from === undefined) return [];
  const { from, environment } = review;
  if (review.drift.length === 0) return [`**Also different between ${plainText(from)} and ${plainText(environment)}**: nothing else.`];
  const rows = review.drift.map((entry: DriftEntry) => [codeSpan(entry.image), versionCell(entry.source), versionCell(entry.target)]);
  return [
    `**Also different between ${plainText(from)} and ${plainText(environment)}, not in this PR**\n\n${markdownTable(["image", plainText(from), plainText(environment)], rows)}`,
  ];
}

function filesHeadline(files: readonly FileDiff[]): string {
  const added = files.reduce((sum, file) => sum + file.added, 0);
  const removed = files.reduce((sum, file) => sum + file.removed, 0);
  const masked = files.reduce((sum, file) => sum + file.masked, 0);
  const secrets = masked === 0 ? "" : `; ${plural(masked, "secret value")} masked`;
  return `**Files**: ${plural(files.length, "file")} changed (+${added} −${removed})${secrets}`;
}

function filePiece(file: FileDiff): Piece {
  if (file.status === "not shown") return `- ${codeSpan(file.path)}: not shown (not a YAML text file); see the Files tab.`;
  if (file.tooLarge && file.diff === "") return `- ${codeSpan(file.path)} (${file.status}): too large to show; see the Files tab.`;
  const details = `${file.status}, +${file.added} −${file.removed}${file.masked === 0 ? "" : `, ${plural(file.masked, "secret value")} masked`}`;
  if (file.tooLarge) return `- ${codeSpan(file.path)} (${details}): ${TOO_LARGE_TO_SHOW}`;
  return diffBlock(file.path, details, file.diff);
}

/** What stands for a diff too large to diff line by line (boundedDiff). */
const TOO_LARGE_TO_SHOW = `too large to show, see the \`${POLICY_CHECK_NAME}\` check run.`;

function renderedPiece(environment: string, rendered: RenderedDiff): Piece {
  switch (rendered.status) {
    case "skipped":
      return `_Rendering of ${plainText(environment)} skipped: ${plainText(rendered.reason)}._`;
    case "failed":
      return `**Rendered manifests**: rendering ${plainText(environment)} failed: ${tableCell(rendered.reason)}`;
    case "refused": {
      const { file, problem, entry } = rendered.refusal;
      const when = rendered.beforePullRequest ? " (before this pull request)" : "";
      return `**Rendered manifests**: rendering ${plainText(environment)} refused${when}: ${codeSpan(file)}: ${plainTextWithCode(problem)}${entry === undefined ? "" : ` (${codeSpan(entry)})`}. Rendering never fetches from the network, reads outside the repository or inflates Helm charts.`;
    }
    case "rendered":
      if (rendered.diff === "") return `**Rendered manifests** (${rendered.tool}): no change.`;
      if (rendered.tooLarge) return `**Rendered manifests** (${rendered.tool}): ${TOO_LARGE_TO_SHOW}`;
      return diffBlock(`${environment} rendered`, rendered.tool, rendered.diff, true);
  }
}

/** The diff of `name` (a file, or rendered manifests), `details` after it; folded in `<details>` when longer than DETAILS_AFTER_LINES (or always, with `folded`). */
function diffBlock(name: string, details: string, diff: string, folded = false): DiffBlock {
  const lines = diff.split("\n").length - (diff.endsWith("\n") ? 1 : 0);
  const code = fenced(diff, "diff");
  const full =
    folded || lines > DETAILS_AFTER_LINES
      ? `<details><summary><code>${escapeHtml(name)}</code> (${escapeHtml(details)}), ${plural(lines, "diff line")}</summary>\n\n${code}\n\n</details>`
      : `${codeSpan(name)} (${details})\n\n${code}`;
  return { full, cut: `- ${codeSpan(name)} (${details}): diff left out, ${plural(lines, "line")}.` };
}

/**
 * The blocks to leave out so the comment fits `limit`: the largest first,
 * until the rest fits (counting the lines that replace them and the note
 * that says so).
 */
function blocksToCut(pieces: readonly Piece[], blocks: readonly DiffBlock[], limit: number): Set<DiffBlock> {
  // A blank line between pieces and a newline at the end; the note comes with its own blank line.
  const separators = 2 * pieces.length - 1;
  let size = separators + pieces.reduce((sum, piece) => sum + (typeof piece === "string" ? piece.length : piece.full.length), 0);
  const cut = new Set<DiffBlock>();
  for (const block of [...blocks].sort((a, b) => b.full.length - a.full.length)) {
    if (size + (cut.size === 0 ? 0 : 2 + cutNote([...cut]).length) <= limit) break;
    cut.add(block);
    size += block.cut.length - block.full.length;
  }
  return cut;
}

function cutNote(cut: readonly DiffBlock[]): string {
  return (
    `> [!NOTE]\n> To stay under GitHub's size limit for comments, ${plural(cut.length, "diff")} (the largest) ${cut.length === 1 ? "is" : "are"} left out below. ` +
    `The \`${POLICY_CHECK_NAME}\` check run on the head commit shows the full diff, as far as its own limit allows, and the Files tab shows every change.`
  );
}

/** `text`, cut at a line end to fit `limit` with a closing note, when even without diffs it is too long. */
function hardLimit(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = `\n\n_…cut here: the rest does not fit in one comment; see the \`${POLICY_CHECK_NAME}\` check run._\n`;
  const end = text.lastIndexOf("\n", limit - note.length);
  return `${text.slice(0, Math.max(0, end))}${note}`;
}

/** Check runs (`promenade/policy`, `promenade/gate`, `promenade/config`) on a commit. */
import { callGitHub } from "./errors.js";
import type { CheckAnnotation, CheckRun, CheckRunRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const CREATE_CHECK = "POST /repos/{owner}/{repo}/check-runs";
const UPDATE_CHECK = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";
const LIST_CHECKS = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";

/** GitHub accepts at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on a check run's summary and text. */
export const MAX_OUTPUT_CHARS = 65_535;

function fit(text: string): string {
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  const note = "\n\n… (truncated: GitHub keeps at most 65,535 characters)";
  return text.slice(0, MAX_OUTPUT_CHARS - note.length) + note;
}

function toGitHubAnnotation(a: CheckAnnotation) {
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine,
    annotation_level: a.level,
    message: a.message,
    ...(a.title === undefined ? {} : { title: a.title }),
  };
}

/**
 * Creates the check run on `headSha`, with the first 50 annotations, and
 * sends the rest 50 at a time by updating it. Returns the check run's id.
 */
export async function createCheckRun(octokit: Octokit, repo: RepoRef, check: CheckRunRequest): Promise<number> {
  const annotations = (check.annotations ?? []).map(toGitHubAnnotation);
  const output = (batch: typeof annotations) => ({
    title: check.title,
    summary: fit(check.summary),
    ...(check.text === undefined ? {} : { text: fit(check.text) }),
    ...(batch.length === 0 ? {} : { annotations: batch }),
  });
  const status = check.conclusion ? { status: "completed" as const, conclusion: check.conclusion } : { status: "in_progress" as const };
  const { data } = await callGitHub(`create check run ${check.name} on ${check.headSha} in ${repoName(repo)}`, CREATE_CHECK, () =>
    octokit.request(CREATE_CHECK, {
      ...repo,
      name: check.name,
      head_sha: check.headSha,
      ...status,
      ...(check.externalId === undefined ? {} : { external_id: check.externalId }),
      output: output(annotations.slice(0, ANNOTATIONS_PER_REQUEST)),
    }),
  );
  for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(start, start + ANNOTATIONS_PER_REQUEST);
    await callGitHub(`annotate check run ${check.name} in ${repoName(repo)}`, UPDATE_CHECK, () =>
      octokit.request(UPDATE_CHECK, { ...repo, check_run_id: Number(data.id), output: output(batch) }),
    );
  }
  return Number(data.id);
}

/**
 * The latest check run of each name and app on commit `sha` (GitHub lists
 * the newest first; `filter: latest` keeps one per name and app), reading
 * every page. Another app's run never hides Promenade's of the same name.
 */
export async function listCheckRuns(octokit: Octokit, repo: RepoRef, sha: string): Promise<CheckRun[]> {
  const runs = await callGitHub(`list the check runs of ${sha} in ${repoName(repo)}`, LIST_CHECKS, () =>
    octokit.paginate(LIST_CHECKS, { ...repo, ref: sha, filter: "latest", per_page: 100 }),
  );
  const seen = new Set<string>();
  return runs.flatMap((run): CheckRun[] => {
    const appId = run.app?.id ?? null;
    const key = `${appId ?? ""}/${run.name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      { name: run.name, status: run.status, conclusion: run.conclusion ?? null, title: run.output?.title ?? null, externalId: run.external_id ?? null, appId },
    ];
  });
}

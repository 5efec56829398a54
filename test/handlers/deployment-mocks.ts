/**
 * nock answers for Promenade's deployment records and what soak reads
 * without them: an environment's deployments, a file at a commit, the
 * commits that touched a file.
 */
import nock from "nock";
import { GITHUB_API, OWN_APP, type RequestRecorder } from "../helpers/github-mock.js";
import { REPO } from "./fixture-repo.js";

const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;

/** A deployment of an environment as GitHub lists it: when it was made, the versions its payload records, and who made it (default: Promenade's bot, through its app). */
export interface DeploymentFact {
  createdAt: string;
  images: Record<string, { tag: string | null; digest: string | null }>;
  creator?: string;
  /** The app it was made through; null: none (a person's token). Default: Promenade. */
  appId?: number | null;
}

/** The deployments of `environment` with task `promenade`, newest first, as soak lists them: page `page` (of 100). */
export function mockSourceDeployments(environment: string, deployments: DeploymentFact[], page = 1): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/deployments`)
    .query({ environment, task: "promenade", per_page: "100", page: String(page) })
    .reply(
      200,
      deployments.map((deployment, i) => {
        const id = 3000 + (page - 1) * 100 + i;
        const sha = id.toString(16).padStart(40, "0");
        const appId = deployment.appId === undefined ? OWN_APP.id : deployment.appId;
        const creator = deployment.creator ?? "promenade[bot]";
        return {
          url: `${GITHUB_API}${REPO_PATH}/deployments/${id}`,
          id,
          node_id: `DE_${id}`,
          sha,
          ref: sha,
          task: "promenade",
          payload: { images: deployment.images },
          original_environment: environment,
          environment,
          description: "Changed",
          creator: { login: creator, id: 10 + i, type: creator.endsWith("[bot]") ? "Bot" : "User" },
          created_at: deployment.createdAt,
          updated_at: deployment.createdAt,
          statuses_url: `${GITHUB_API}${REPO_PATH}/deployments/${id}/statuses`,
          repository_url: `${GITHUB_API}${REPO_PATH}`,
          performed_via_github_app: appId === null ? null : { id: appId, slug: appId === OWN_APP.id ? OWN_APP.slug : "some-app" },
        };
      }),
    );
}

/** `path` at commit `ref` through the contents API; null: no such file there. */
export function mockFileAt(path: string, ref: string, text: string | null): void {
  const scope = nock(GITHUB_API)
    .get(`${REPO_PATH}/contents/${encodeURIComponent(path)}`)
    .query({ ref });
  if (text === null) {
    scope.reply(404, { message: "Not Found" });
    return;
  }
  scope.reply(200, {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: path.split("/").at(-1),
    path,
    sha: "f".repeat(40),
    content: Buffer.from(text).toString("base64"),
  });
}

/** The commits of `ref` that touched `path`, newest first, each with its committer's time. */
export function mockPathCommits(path: string, ref: string, commits: { sha: string; date: string }[]): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/commits`)
    .query({ sha: ref, path, per_page: "20" })
    .reply(
      200,
      commits.map(({ sha, date }) => ({
        sha,
        node_id: `C_${sha.slice(0, 6)}`,
        url: `${GITHUB_API}${REPO_PATH}/commits/${sha}`,
        html_url: `https://github.com/acme/gitops/commit/${sha}`,
        comments_url: `${GITHUB_API}${REPO_PATH}/commits/${sha}/comments`,
        commit: {
          url: `${GITHUB_API}${REPO_PATH}/git/commits/${sha}`,
          message: "Change staging",
          author: { name: "Carol", email: "carol@example.com", date },
          committer: { name: "GitHub", email: "noreply@github.com", date },
          tree: { sha: "e".repeat(40), url: `${GITHUB_API}${REPO_PATH}/git/trees/${"e".repeat(40)}` },
          comment_count: 0,
        },
        author: null,
        committer: null,
        parents: [],
      })),
    );
}

/** The bodies of the deployments recorded. */
export function recordedDeployments(recorder: RequestRecorder): Record<string, unknown>[] {
  return recorder.requests.filter((r) => r.method === "POST" && r.path === `${REPO_PATH}/deployments`).map((r) => r.body as Record<string, unknown>);
}

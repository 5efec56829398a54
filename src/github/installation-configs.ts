/**
 * The installation's repositories and, in one GraphQL read per hundred of
 * them, each one's default branch head and Promenade config there: what the
 * repository index is built from, at a cost that grows by one request per
 * hundred repositories.
 */
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { MAX_YAML_BYTES } from "../engine/repo/yaml-files.js";
import { callGitHub } from "./errors.js";
import type { RepoRef, RepositoryConfigAtHead } from "./github-client.js";
import type { Octokit } from "./octokit.js";

const LIST_REPOSITORIES = "GET /installation/repositories";

/** Repositories read by one query: GitHub allows far more, but a hundred blobs keep an answer small. */
const REPOSITORIES_PER_QUERY = 100;

const REPOSITORY_FIELDS = `name owner { login } isArchived defaultBranchRef { target { oid } } config: object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text byteSize isBinary isTruncated } }`;

interface RepositoryNode {
  name?: string;
  owner?: { login: string };
  isArchived?: boolean;
  defaultBranchRef?: { target: { oid: string } | null } | null;
  config?: { text?: string | null; byteSize?: number; isBinary?: boolean | null; isTruncated?: boolean } | null;
}

/** The repositories the installation may act on, not archived (with that installation's Octokit). */
export async function installationRepositories(octokit: Octokit): Promise<RepoRef[]> {
  const repositories = await callGitHub("list the installation's repositories", LIST_REPOSITORIES, () =>
    octokit.paginate(LIST_REPOSITORIES, { per_page: 100 }),
  );
  return repositories.filter((repository) => !repository.archived).map((repository) => ({ owner: repository.owner.login, repo: repository.name }));
}

/**
 * Each repository's default branch head and the text of its config there, in
 * one query per hundred repositories. `config` is null without the file,
 * `undefined` when GraphQL cannot give its text or the file is larger than a
 * config may be (binary, truncated, over MAX_YAML_BYTES: read it through the
 * contents API instead, which judges it as loading the config does). Repositories that are archived, empty,
 * gone or out of the installation's reach are left out.
 */
export async function configsAtHead(octokit: Octokit, repos: readonly RepoRef[]): Promise<RepositoryConfigAtHead[]> {
  const found: RepositoryConfigAtHead[] = [];
  for (let start = 0; start < repos.length; start += REPOSITORIES_PER_QUERY) {
    const batch = repos.slice(start, start + REPOSITORIES_PER_QUERY);
    const nodes = await readBatch(octokit, batch);
    batch.forEach((repo, index) => {
      const node = nodes[`r${index}`];
      const sha = node?.defaultBranchRef?.target?.oid;
      // GitHub's spelling of the name, whatever the case asked for.
      if (node && !node.isArchived && sha)
        found.push({ owner: node.owner?.login ?? repo.owner, repo: node.name ?? repo.repo, sha, config: configText(node.config) });
    });
  }
  return found;
}

/** One aliased query (`r0`, `r1`, …) for `batch`; a repository GitHub cannot find answers null rather than failing the others. */
async function readBatch(octokit: Octokit, batch: readonly RepoRef[]): Promise<Record<string, RepositoryNode | null | undefined>> {
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const fields = batch.map((repo, index) => {
    variables[`o${index}`] = repo.owner;
    variables[`n${index}`] = repo.repo;
    declarations.push(`$o${index}: String!`, `$n${index}: String!`);
    return `r${index}: repository(owner: $o${index}, name: $n${index}) { ${REPOSITORY_FIELDS} }`;
  });
  const query = `query promenadeConfigs(${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
  return callGitHub(`read the config of ${batch.length} repositories`, "POST /graphql (repository.object)", async () => {
    try {
      return await octokit.graphql<Record<string, RepositoryNode | null>>(query, variables);
    } catch (error) {
      const partial = notFoundOnly(error);
      if (partial === null) throw error;
      return partial;
    }
  });
}

/** The data of a GraphQL answer whose only errors are repositories not found (octokit's GraphqlResponseError), else null. */
function notFoundOnly(error: unknown): Record<string, RepositoryNode | null> | null {
  const answer = error as { name?: string; data?: Record<string, RepositoryNode | null> | null; errors?: { type?: string }[] };
  if (answer.name !== "GraphqlResponseError" || !answer.data || !answer.errors?.every((problem) => problem.type === "NOT_FOUND")) return null;
  return answer.data;
}

function configText(blob: RepositoryNode["config"]): string | null | undefined {
  if (blob === null || blob === undefined) return null;
  // Beyond the size the contents API read refuses, read it that way, so the index judges the file as loading the config does.
  if (blob.isBinary || blob.isTruncated || (blob.byteSize ?? 0) > MAX_YAML_BYTES || typeof blob.text !== "string") return undefined;
  return blob.text;
}

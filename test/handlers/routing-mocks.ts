/**
 * nock answers for the repository index: the installation's repositories
 * (`GET /installation/repositories`) and the batched GraphQL read of each
 * one's head and config (`promenadeConfigs`, answered per alias from the
 * repositories given, by the owner and name variables it was sent).
 */
import nock from "nock";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { GITHUB_API } from "../helpers/github-mock.js";
import type { FixtureRepo } from "./fixture-repo.js";

/** A repository as the index reads it: its head and its config text (null without one). */
export interface IndexedFixture {
  repo: RepoRef;
  sha: string;
  config: string | null;
}

/** A fixture repository as the index reads it. */
export function indexed(fixture: FixtureRepo): IndexedFixture {
  return { repo: fixture.repo, sha: fixture.sha, config: fixture.files.get(CONFIG_PATH) ?? null };
}

/** A code repository without a config. */
export function codeRepository(owner: string, repo: string): IndexedFixture {
  return { repo: { owner, repo }, sha: "a".repeat(40), config: null };
}

/** `repo` as `GET /installation/repositories` lists it, the `index`-th of the installation. */
export function installedRepository(repo: RepoRef, index: number) {
  return {
    id: 1000 + index,
    node_id: `R_${index}`,
    name: repo.repo,
    full_name: `${repo.owner}/${repo.repo}`,
    owner: { login: repo.owner },
    archived: false,
    private: true,
  };
}

/** `GET /installation/repositories`: `repos`, on one page. */
export function mockInstallationRepositories(repos: readonly IndexedFixture[]): void {
  const repositories = repos.map(({ repo }, index) => installedRepository(repo, index));
  nock(GITHUB_API).get("/installation/repositories").query({ per_page: "100" }).reply(200, { total_count: repositories.length, repositories });
}

/** One `promenadeConfigs` query, answered from `known` for the repositories it asks about (null for others). Returns the names each answered query asked for. */
export function mockConfigsAtHead(known: readonly IndexedFixture[]): string[][] {
  const asked: string[][] = [];
  nock(GITHUB_API)
    .post("/graphql", (body: { query?: string }) => body.query?.includes("promenadeConfigs") === true)
    .reply(200, (_uri, body) => {
      const variables = (body as { variables: Record<string, string> }).variables;
      const data: Record<string, unknown> = {};
      const names: string[] = [];
      for (let index = 0; `o${index}` in variables; index++) {
        const name = `${variables[`o${index}`]}/${variables[`n${index}`]}`;
        names.push(name);
        const found = known.find(({ repo }) => `${repo.owner}/${repo.repo}`.toLowerCase() === name.toLowerCase());
        data[`r${index}`] = found === undefined ? null : node(found);
      }
      asked.push(names);
      return { data };
    });
  return asked;
}

function node({ repo, sha, config }: IndexedFixture) {
  return {
    name: repo.repo,
    owner: { login: repo.owner },
    isArchived: false,
    defaultBranchRef: { target: { oid: sha } },
    config: config === null ? null : { text: config, byteSize: Buffer.byteLength(config), isBinary: false, isTruncated: false },
  };
}

/** The index built once: the repositories listed and their configs read (serve the archive of each with a config that lists no images). */
export function mockIndexBuild(repos: readonly IndexedFixture[]): string[][] {
  mockInstallationRepositories(repos);
  return mockConfigsAtHead(repos);
}

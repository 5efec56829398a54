/**
 * The changelog of a promotion PR, through the whole app: an image whose
 * config names `source: acme/api` is promoted from 1.4.1, and the PR body
 * lists what changed in acme/api, read with one GraphQL query and one
 * compare call, once per pair of versions.
 */
import { readFileSync } from "node:fs";
import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetSourceChangelogs } from "../../src/promote/source-changelog.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { repositoryDispatchPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { mockNewPromotion, mockOpenPullRequest, mockReplaceCommit, mockUpdatePullRequest, sentBodies, type PullRequestResponse } from "./promotion-mocks.js";

useNockGuard();
beforeEach(() => forgetSourceChangelogs());

const DEV_BRANCH = "promenade/dev/api";
const FROM_SHA = "1".repeat(40);
const TO_SHA = "2".repeat(40);
const COMPARE = `/repos/acme/api/compare/${FROM_SHA}...${TO_SHA}`;

/** The fleet (dev runs api 1.4.1) with `source: acme/api` on the api image. */
function fleetWithSource(): FixtureRepo {
  const config = readFileSync(new URL("../fixtures/repos/fleet/.github/promenade.yml", import.meta.url), "utf8");
  const withSource = config.replace('    versions: ">=1.0.0 <2.0.0"\n', '    versions: ">=1.0.0 <2.0.0"\n    source: acme/api\n');
  expect(withSource).not.toBe(config);
  return new FixtureRepo("fleet", undefined, { ".github/promenade.yml": withSource });
}

/** The delivery of `ghcr.io/acme/api:<tag>` pushed, announced to the GitOps repository. */
function pushed(tag: string, id = `delivery-${tag}`) {
  const payload = repositoryDispatchPayload({
    repo: { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" },
    eventType: "promenade-image",
    clientPayload: { image: "ghcr.io/acme/api", tag },
  });
  return { id, name: "repository_dispatch" as const, payload };
}

type RefsQuery = { query?: string; variables?: Record<string, string> };

/** The GraphQL query for acme/api's refs and releases: `tags` maps the tag names that exist to their commit (an annotated tag for v1.4.1). */
function mockSourceRefs(tags: Record<string, string>, releases: object[] = []): void {
  nock(GITHUB_API)
    .post(
      "/graphql",
      (body: RefsQuery) => body.query?.includes("promenadeSourceRefs") === true && body.variables?.owner === "acme" && body.variables.name === "api",
    )
    .reply(200, (_uri, body) => {
      const { variables = {} } = body as RefsQuery;
      const repository: Record<string, unknown> = { releases: { nodes: releases } };
      for (const [alias, value] of Object.entries(variables)) {
        if (!/^t\d+$/.test(alias)) continue;
        const sha = tags[value.replace(/^refs\/tags\//, "")];
        repository[alias] =
          sha === undefined
            ? null
            : value === "refs/tags/v1.4.1"
              ? { target: { __typename: "Tag", oid: "a".repeat(40), target: { __typename: "Commit", oid: sha } } }
              : { target: { __typename: "Commit", oid: sha } };
      }
      return { data: { repository } };
    });
}

/** GitHub's comparison of 1.4.1's commit with 1.4.2's: two commits, one squash-merged (#41), one merge commit of #42. */
function mockCompare(): void {
  const commit = (sha: string, message: string) => ({ sha, html_url: `https://github.com/acme/api/commit/${sha}`, commit: { message } });
  nock(GITHUB_API)
    .get(COMPARE)
    .query({ per_page: "100" })
    .reply(200, {
      status: "ahead",
      ahead_by: 2,
      behind_by: 0,
      total_commits: 2,
      commits: [
        commit("3".repeat(40), "@everyone <img src=x> fix the cache (#41)\n\nlonger text"),
        commit(TO_SHA, "Merge pull request #42 from acme/retry\n\nRetry on 502"),
      ],
    });
}

const RELEASES = [
  {
    tagName: "v1.5.0",
    name: "Later",
    description: "not this one",
    url: "https://github.com/acme/api/releases/tag/v1.5.0",
    isDraft: false,
    tagCommit: { oid: "5".repeat(40) },
  },
  {
    tagName: "v1.4.2",
    name: "Retries",
    description: "## Fixed\n- retry on 502, thanks @alice",
    url: "https://github.com/acme/api/releases/tag/v1.4.2",
    isDraft: false,
    tagCommit: { oid: TO_SHA },
  },
  {
    tagName: "v1.4.1",
    name: "Earlier",
    description: "not this one either",
    url: "https://github.com/acme/api/releases/tag/v1.4.1",
    isDraft: false,
    tagCommit: { oid: FROM_SHA },
  },
];

/** The body of the PR opened. */
function openedBody(recorder: Parameters<typeof sentBodies>[0]): string {
  const [sent] = sentBodies(recorder, "POST", "/repos/acme/gitops/pulls") as { body: string }[];
  return sent?.body ?? "";
}

describe("the changelog of a promotion PR", () => {
  it("lists exactly the commits between the two tags, with links and pull requests, and the release notes, at one extra round trip at most", async () => {
    const { probot, recorder } = await createPromotionApp();
    fleetWithSource().serve();
    mockNewPromotion(DEV_BRANCH, 7);
    mockSourceRefs({ "v1.4.1": FROM_SHA, "v1.4.2": TO_SHA }, RELEASES);
    mockCompare();
    await probot.receive(pushed("1.4.2"));
    const body = openedBody(recorder);
    expect(body.slice(body.indexOf("Changes:"), body.indexOf("<!-- promenade"))).toMatchInlineSnapshot(`
      "Changes:
      **\`ghcr.io/acme/api\`** in [acme/api \`v1.4.1\`...\`v1.4.2\`](https://github.com/acme/api/compare/v1.4.1...v1.4.2): 2 commits.
      - [\`3333333\`](https://github.com/acme/api/commit/3333333333333333333333333333333333333333) @&#8203;everyone &lt;img src=x&gt; fix the cache ([acme/api#&#8203;41](https://github.com/acme/api/pull/41))
      - [\`2222222\`](https://github.com/acme/api/commit/2222222222222222222222222222222222222222) Retry on 502 ([acme/api#&#8203;42](https://github.com/acme/api/pull/42))

      Release [\`v1.4.2\`: Retries](https://github.com/acme/api/releases/tag/v1.4.2):
      > #&#8203;#&#8203; Fixed
      > \\- retry on 502, thanks @&#8203;alice

      "
    `);
    const graphql = recorder.requests.filter((r) => (r.body as RefsQuery | undefined)?.query?.includes("promenadeSourceRefs") === true);
    expect(graphql.map((r) => (r.body as RefsQuery).variables)).toEqual([
      { owner: "acme", name: "api", t0: "refs/tags/1.4.1", t1: "refs/tags/v1.4.1", t2: "refs/tags/1.4.2", t3: "refs/tags/v1.4.2" },
    ]);
    expect(recorder.lines().filter((line) => line.includes("/repos/acme/api/"))).toEqual([`GET ${COMPARE}?per_page=100`]);

    // The same promotion without `source`: the changelog's query runs while the commit is made; its comparison, which needs the
    // query's answer, adds one round trip. (The first app of a test also reads who Promenade is, one trip more.)
    const plain = await createPromotionApp();
    new FixtureRepo("fleet").serve();
    mockNewPromotion(DEV_BRANCH, 7);
    await plain.probot.receive(pushed("1.4.2"));
    expect(recorder.reads - plain.recorder.reads).toBe(2);
    expect(recorder.roundTrips).toBeLessThanOrEqual(plain.recorder.roundTrips + 2);
  });

  it("says plainly that a version does not resolve, lists no commits and compares nothing", async () => {
    const { probot, recorder } = await createPromotionApp();
    fleetWithSource().serve();
    mockNewPromotion(DEV_BRANCH, 7);
    mockSourceRefs({ "v1.4.1": FROM_SHA });
    await probot.receive(pushed("1.4.9"));
    expect(openedBody(recorder)).toContain(
      "Changes:\n**`ghcr.io/acme/api`**: Promenade could not resolve `1.4.9` in acme/api (no tag `1.4.9` or `v1.4.9`). So no changes are listed.\n\n<!-- promenade",
    );
    expect(recorder.lines().filter((line) => line.includes("/compare/"))).toEqual([]);
  });

  it("says plainly that the source repository cannot be read, and still opens the PR", async () => {
    const { probot, recorder } = await createPromotionApp();
    fleetWithSource().serve();
    const created = mockNewPromotion(DEV_BRANCH, 7);
    nock(GITHUB_API)
      .post("/graphql", (body: RefsQuery) => body.query?.includes("promenadeSourceRefs") === true)
      .reply(200, {
        data: { repository: null },
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/api'." }],
      });
    await probot.receive(pushed("1.4.2"));
    expect(created).toHaveLength(1);
    expect(openedBody(recorder)).toContain(
      "**`ghcr.io/acme/api`**: Promenade could not read acme/api: the repository does not exist or the app's installation cannot read it (it needs Contents: read on it), so no changes are listed.",
    );
    expect(openedBody(recorder)).not.toContain("/compare/");
  });

  it("reads the changelog of a pair of versions once: an update of the PR for the same pair fetches nothing more", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = fleetWithSource();
    fleet.serve();
    const created = mockNewPromotion(DEV_BRANCH, 7);
    mockSourceRefs({ "v1.4.1": FROM_SHA, "v1.4.2": TO_SHA }, RELEASES);
    mockCompare();
    await probot.receive(pushed("1.4.2"));
    const first = openedBody(recorder);

    // Someone pushed to the branch: the next delivery of 1.4.2 rewrites the PR, with the same pair of versions.
    const opened = created[0] as PullRequestResponse;
    const open = { ...opened, head: { ...opened.head, sha: "e".repeat(40) }, labels: [{ name: "promotion" }, { name: "automated" }] };
    fleet.serve();
    mockOpenPullRequest(DEV_BRANCH, open);
    mockReplaceCommit(DEV_BRANCH, fleet.sha);
    mockUpdatePullRequest(open);
    await probot.receive(pushed("1.4.2", "delivery-again"));
    const [update] = sentBodies(recorder, "PATCH", "/repos/acme/gitops/pulls/7") as { body: string }[];
    const changes = (body: string) => body.slice(body.indexOf("Changes:"), body.indexOf("<!-- promenade"));
    expect(changes(update?.body ?? "")).toBe(changes(first));
    expect(changes(first)).toContain("2 commits.");
    expect(recorder.lines().filter((line) => line.includes("/repos/acme/api/"))).toHaveLength(1);
    expect(recorder.requests.filter((r) => (r.body as RefsQuery | undefined)?.query?.includes("promenadeSourceRefs") === true)).toHaveLength(1);
  });
});

/**
 * A pull request whose kustomization names a resource on an internal HTTP
 * server (here one on 127.0.0.1, started by the test): the review renders
 * with kubectl when the machine has it, else with a fake kubectl that
 * fetches every `http://` URL its kustomization names, as kustomize does.
 * Either would bring the server's answer into the comment; the review must
 * refuse to render instead, and say why.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findKustomizeTool, type KustomizeTool } from "../../src/render-manifests/kustomize.js";
import { runTool } from "../../src/render-manifests/run-tool.js";
import { toolEnvironment } from "../../src/render-manifests/tool-environment.js";
import { useNockGuard } from "../helpers/github-mock.js";
import { fakeToolDir, KUBECTL_VERSION } from "../render-manifests/fake-tools.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo } from "./fixture-repo.js";
import { BASE_SHA, mockCheckRuns, mockHeadCheckRuns, mockReviewComment, pullRequestEvent, reviewComment, serveReview } from "./review-mocks.js";

useNockGuard();

/** What the internal server answers: a secret of the app's network. */
const INTERNAL = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: internal}\ndata: {token: internal-only-value}\n";

/** A kubectl whose `kustomize DIR` prints what every `http://` URL in DIR's kustomization.yaml answers. */
const FETCHING_KUBECTL = [
  KUBECTL_VERSION,
  `exec '${process.execPath}' -e '${String.raw`
    const text = require("node:fs").readFileSync(process.argv[1] + "/kustomization.yaml", "utf8");
    for (const url of text.match(/http:\/\/[^\s\]]+/g) ?? []) require("node:http").get(url, (res) => res.pipe(process.stdout));
  `}' "$2"`,
].join("\n");

/** The PATH that gives the app its renderer: the machine's, when it has kubectl or kustomize; else the fake kubectl's directory. */
const realTool = await findKustomizeTool();
const renderPath = realTool === null ? await fakeToolDir({ kubectl: FETCHING_KUBECTL }) : (process.env.PATH ?? "");
const tool = (await findKustomizeTool({ PATH: renderPath })) as KustomizeTool;

const requests: string[] = [];
const server = http.createServer((request, response) => {
  requests.push(request.url ?? "");
  response.end(INTERNAL);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  requests.length = 0;
  vi.unstubAllEnvs();
});

/** The internal resource's URL. */
const internalUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.yaml`;

describe(`a kustomization naming an internal URL, with ${tool.label}`, () => {
  it("is fetched by the renderer when nothing refuses it (so the review test below shows the refusal)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "promenade-remote-test-"));
    try {
      await writeFile(path.join(dir, "kustomization.yaml"), `resources:\n  - ${internalUrl()}\n`);
      const result = await runTool(tool.command, [...tool.args, dir], { cwd: dir, env: toolEnvironment(dir), timeoutMs: 15_000, maxOutputBytes: 65_536 });
      expect(result.status === "exited" && result.stdout).toContain("internal-only-value");
      expect(requests).toEqual(["/x.yaml"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is refused in the review of the pull request: the server gets no request, and the comment says why", async () => {
    vi.stubEnv("PROMENADE_RENDER", "on");
    vi.stubEnv("PATH", renderPath);
    const { probot, recorder } = await createPromotionApp();
    const kustomization = new FixtureRepo("shop").files.get("deploy/dev/kustomization.yaml") ?? "";
    const head = "4ead9".padEnd(40, "0");
    const changed = kustomization.replace("  - ../base\n", `  - ../base\n  - ${internalUrl()}\n`);
    expect(changed).not.toBe(kustomization);
    serveReview(31, new FixtureRepo("shop", BASE_SHA), new FixtureRepo("shop", head, { "deploy/dev/kustomization.yaml": changed }));
    mockReviewComment(31);
    mockHeadCheckRuns(head);
    mockCheckRuns(2);
    await probot.receive(pullRequestEvent("opened", 31, "internal-resource", head));
    expect(requests).toEqual([]);
    const comment = reviewComment(recorder);
    expect(comment).toContain(
      `**Rendered manifests**: rendering dev refused: \`deploy/dev/kustomization.yaml\`: \`resources\` entry names a remote location (\`${internalUrl()}\`).`,
    );
    expect(comment).not.toContain("internal-only-value");
  });
});

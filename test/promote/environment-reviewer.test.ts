import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_PATH, parseConfig } from "../../src/engine/config/parse-config.js";
import { policyCheckMarkdown } from "../../src/engine/markdown/policy-check.js";
import { reviewCommentMarkdown } from "../../src/engine/markdown/review-comment.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";
import { reviewInThread, reviewOnPool, reviewPool } from "../../src/promote/environment-reviewer.js";
import { readReviewJob, type ReviewJob } from "../../src/promote/review-job.js";
import type { Renderer } from "../../src/render-manifests/rendered-diff.js";
import { FixtureRepo } from "../handlers/fixture-repo.js";
import { MemoryReader } from "../plan/helpers.js";

const SHOP = new FixtureRepo("shop").files;
const CONFIG = parseConfig(SHOP.get(CONFIG_PATH) ?? "");

/** A renderer that "renders" a directory as its YAML files one after the other, so the rendered diff is computed too. */
const render: Renderer = async (reader, dir) => {
  const files = (await reader.listFiles(dir)).filter((file) => file.endsWith(".yaml")).sort();
  const texts = await Promise.all(files.map((file) => reader.readFile(file)));
  return { status: "rendered", tool: "concatenation", output: texts.map((text) => `---\n${text}`).join("") };
};

/** `text` of the shop fixture with `from` replaced by `to`. */
function edited(path: string, from: string, to: string): string {
  const text = SHOP.get(path) ?? "";
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
  return text.replace(from, to);
}

/** The job of reviewing `environment` between the shop fixture and the fixture with `changes`. */
async function job(environment: string, changes: Record<string, string>): Promise<ReviewJob> {
  const base: RepoReader = new MemoryReader(Object.fromEntries(SHOP));
  const head: RepoReader = new MemoryReader({ ...Object.fromEntries(SHOP), ...changes });
  return readReviewJob(CONFIG, environment, Object.keys(changes), base, head, render);
}

const pool = reviewPool({ size: 1, timeoutMs: 20_000 });
afterAll(() => pool.close());

describe("reviews on a worker thread", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["a one-tag promotion", "staging", { "deploy/staging/kustomization.yaml": edited("deploy/staging/kustomization.yaml", '"1.4.0"', '"1.4.1"') }],
    [
      "a rotated Secret",
      "production",
      { "deploy/production/secret.yaml": edited("deploy/production/secret.yaml", "tok_live_51Hq8sK2eZvKYlo2C", "tok_live_99Zz0newTokenValue") },
    ],
    [
      "policy violations",
      "production",
      {
        "deploy/production/api.yaml": edited("deploy/production/api.yaml", "ghcr.io/acme/api:1.3.0", "docker.io/acme/api:latest").replace(
          "replicas: 2",
          "replicas: 1",
        ),
      },
    ],
    ["a file that does not parse", "dev", { "deploy/dev/kustomization.yaml": "images: [unclosed\n" }],
  ];
  it.each(cases)("give the same review as the main thread for %s", async (_, environment, changes) => {
    const reviewJob = await job(environment, changes);
    const inThread = await reviewInThread(reviewJob);
    expect(inThread.files.length).toBeGreaterThan(0);
    expect(await reviewOnPool(pool)(reviewJob)).toEqual(inThread);
  });

  it("answer a review over the time limit as too large to review here, which fails the policy check, and replace the thread", async () => {
    const tight = reviewPool({ size: 1, timeoutMs: 1 });
    try {
      const rewrite = Array.from({ length: 30_000 }, (_, i) => `  key-${i}: "rewritten ${i}"\n`).join("");
      const review = await reviewOnPool(tight)(
        await job("dev", { "deploy/dev/big.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${rewrite}` }),
      );
      expect(review).toMatchObject({
        environment: "dev",
        incomplete: "too large to review here: reviewing it took longer than 0.001 s",
        files: [{ path: "deploy/dev/big.yaml", status: "added", diff: "", tooLarge: true }],
        policy: null,
        problems: [
          {
            file: "deploy/dev/big.yaml",
            message: "too large to review here: reviewing it took longer than 0.001 s; split the change into smaller pull requests",
          },
        ],
      });
      expect(tight.started).toBe(2);
      expect(reviewCommentMarkdown([review])).toContain("- `deploy/dev/big.yaml` (added): too large to show; see the Files tab.");
      expect(policyCheckMarkdown([review]).conclusion).toBe("failure");
    } finally {
      await tight.close();
    }
  });
});

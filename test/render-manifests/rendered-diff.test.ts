import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";
import type { RenderOutcome } from "../../src/render-manifests/kustomize.js";
import { kustomizeRenderer } from "../../src/render-manifests/kustomize-renderer.js";
import { renderedDiff } from "../../src/render-manifests/rendered-diff.js";
import { MemoryReader } from "../plan/helpers.js";

const BASE = new MemoryReader({});
const HEAD = new MemoryReader({});

/** A fake renderer giving `before` for BASE and `after` for HEAD. */
function renderer(before: RenderOutcome, after: RenderOutcome): (reader: RepoReader, dir: string) => Promise<RenderOutcome> {
  return async (reader, dir) => {
    if (dir !== "deploy/dev") throw new InputError(dir, "unexpected directory");
    if (reader === BASE) return before;
    if (reader === HEAD) return after;
    throw new InputError("?", "unknown reader");
  };
}

const rendered = (output: string): RenderOutcome => ({ status: "rendered", output, tool: "kustomize (v5.5.0)" });

const CONFIG_MAP = (level: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: ${level}\n`;
/** A Secret as kustomize's secretGenerator makes it: the name ends in a hash of the data. */
const SECRET = (hash: string, token: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret-${hash}\ndata:\n  TOKEN: ${token}\n`;

describe("renderedDiff", () => {
  it("diffs the environment rendered before and after", async () => {
    const diff = await renderedDiff(renderer(rendered(CONFIG_MAP("info")), rendered(CONFIG_MAP("debug"))), BASE, HEAD, "deploy/dev");
    expect(diff).toMatchInlineSnapshot(`
      {
        "diff": "--- a/deploy/dev (rendered)
      +++ b/deploy/dev (rendered)
      @@ -3,4 +3,4 @@
       metadata:
         name: app
       data:
      -  LOG_LEVEL: info
      +  LOG_LEVEL: debug
      ",
        "status": "rendered",
        "tool": "kustomize (v5.5.0)",
      }
    `);
  });

  it("never shows the values of a generated Secret", async () => {
    const before = `${CONFIG_MAP("info")}---\n${SECRET("7b9f", "c2VjcmV0LW9sZC10b2tlbg==")}`;
    const after = `${CONFIG_MAP("info")}---\n${SECRET("k2m4", "c2VjcmV0LW5ldy10b2tlbg==")}`;
    const diff = await renderedDiff(renderer(rendered(before), rendered(after)), BASE, HEAD, "deploy/dev");
    expect(diff.status === "rendered" && diff.diff).toMatchInlineSnapshot(`
      "--- a/deploy/dev (rendered)
      +++ b/deploy/dev (rendered)
      @@ -8,6 +8,6 @@
       apiVersion: v1
       kind: Secret
       metadata:
      -  name: app-secret-7b9f
      +  name: app-secret-k2m4
       data:
         TOKEN: ••••••
      "
    `);
    expect(JSON.stringify(diff)).not.toMatch(/c2VjcmV0/);
  });

  it("diffs against nothing when the base has nothing to render", async () => {
    const diff = await renderedDiff(renderer({ status: "skipped", reason: "no kustomization" }, rendered("a: 1\n")), BASE, HEAD, "deploy/dev");
    expect(diff).toEqual({ status: "rendered", tool: "kustomize (v5.5.0)", diff: "--- a/deploy/dev (rendered)\n+++ b/deploy/dev (rendered)\n@@ -0,0 +1 @@\n+a: 1\n" });
  });

  it("fails, saying so, when rendering before the pull request fails", async () => {
    const diff = await renderedDiff(renderer({ status: "failed", reason: "missing resource" }, rendered("a: 1\n")), BASE, HEAD, "deploy/dev");
    expect(diff).toEqual({ status: "failed", reason: "before this pull request: missing resource" });
  });

  it("gives the outcome after the pull request when it did not render", async () => {
    const skipped = { status: "skipped", reason: "no kustomization" } as const;
    const failed = { status: "failed", reason: "bad patch" } as const;
    expect(await renderedDiff(renderer(rendered("a: 1\n"), skipped), BASE, HEAD, "deploy/dev")).toEqual(skipped);
    expect(await renderedDiff(renderer({ status: "failed", reason: "x" }, failed), BASE, HEAD, "deploy/dev")).toEqual(failed);
  });
});

describe("renderedDiff of a refused rendering", () => {
  it("passes the refusal on, saying when it was the base that was refused", async () => {
    const refusal = { file: "deploy/dev/kustomization.yaml", problem: "`resources` entry names a remote location", entry: "http://10.0.0.1/x.yaml" };
    const refused: RenderOutcome = { status: "refused", refusal };
    expect(await renderedDiff(renderer(rendered("a: 1\n"), refused), BASE, HEAD, "deploy/dev")).toEqual({ status: "refused", refusal, beforePullRequest: false });
    expect(await renderedDiff(renderer(refused, refused), BASE, HEAD, "deploy/dev")).toEqual({ status: "refused", refusal, beforePullRequest: false });
    expect(await renderedDiff(renderer(refused, rendered("a: 1\n")), BASE, HEAD, "deploy/dev")).toEqual({ status: "refused", refusal, beforePullRequest: true });
  });
});

describe("kustomizeRenderer", () => {
  it("skips rendering when PROMENADE_RENDER is off", async () => {
    expect(await kustomizeRenderer({ PROMENADE_RENDER: "off" })(BASE, "deploy/dev")).toEqual({
      status: "skipped",
      reason: "rendering is turned off (PROMENADE_RENDER=off)",
    });
  });
});

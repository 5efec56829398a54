import { describe, expect, it } from "vitest";
import type { RenderOutcome } from "../../src/render-manifests/kustomize.js";
import { kustomizeRenderer } from "../../src/render-manifests/kustomize-renderer.js";
import { diffRenderings } from "../../src/render-manifests/rendered-diff.js";
import { MemoryReader } from "../plan/helpers.js";

const BASE = new MemoryReader({});

const rendered = (output: string): RenderOutcome => ({ status: "rendered", output, tool: "kustomize (v5.5.0)" });

const CONFIG_MAP = (level: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: ${level}\n`;
/** A Secret as kustomize's secretGenerator makes it: the name ends in a hash of the data. */
const SECRET = (hash: string, token: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret-${hash}\ndata:\n  TOKEN: ${token}\n`;

describe("diffRenderings", () => {
  it("diffs the environment rendered before and after", async () => {
    const diff = diffRenderings("deploy/dev", rendered(CONFIG_MAP("info")), rendered(CONFIG_MAP("debug")));
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
    const diff = diffRenderings("deploy/dev", rendered(before), rendered(after));
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
    const diff = diffRenderings("deploy/dev", { status: "skipped", reason: "no kustomization" }, rendered("a: 1\n"));
    expect(diff).toEqual({
      status: "rendered",
      tool: "kustomize (v5.5.0)",
      diff: "--- a/deploy/dev (rendered)\n+++ b/deploy/dev (rendered)\n@@ -0,0 +1 @@\n+a: 1\n",
    });
  });

  it("fails, saying so, when rendering before the pull request fails", async () => {
    const diff = diffRenderings("deploy/dev", { status: "failed", reason: "missing resource" }, rendered("a: 1\n"));
    expect(diff).toEqual({ status: "failed", reason: "before this pull request: missing resource" });
  });

  it("gives the outcome after the pull request when it did not render", async () => {
    const skipped = { status: "skipped", reason: "no kustomization" } as const;
    const failed = { status: "failed", reason: "bad patch" } as const;
    expect(diffRenderings("deploy/dev", rendered("a: 1\n"), skipped)).toEqual(skipped);
    expect(diffRenderings("deploy/dev", { status: "failed", reason: "x" }, failed)).toEqual(failed);
  });
});

describe("diffRenderings of a refused rendering", () => {
  it("passes the refusal on, saying when it was the base that was refused", async () => {
    const refusal = { file: "deploy/dev/kustomization.yaml", problem: "`resources` entry names a remote location", entry: "http://10.0.0.1/x.yaml" };
    const refused: RenderOutcome = { status: "refused", refusal };
    expect(diffRenderings("deploy/dev", rendered("a: 1\n"), refused)).toEqual({ status: "refused", refusal, beforePullRequest: false });
    expect(diffRenderings("deploy/dev", refused, refused)).toEqual({ status: "refused", refusal, beforePullRequest: false });
    expect(diffRenderings("deploy/dev", refused, rendered("a: 1\n"))).toEqual({ status: "refused", refusal, beforePullRequest: true });
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

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maskSecrets } from "../../src/engine/diff/mask-secrets.js";
import { unifiedDiff } from "../../src/engine/markdown/file-diff.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { findKustomizeTool, type KustomizeTool, NO_TOOL, renderKustomization } from "../../src/render-manifests/kustomize.js";
import { fakeToolDir, KUSTOMIZE_VERSION, memoryReader, printingBuild } from "./fake-tools.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/kustomize/", import.meta.url));

/** A fake kustomize (found through findKustomizeTool) whose build runs `build` (shell), and its directory. */
async function fakeKustomize(build: (dir: string) => string): Promise<{ tool: KustomizeTool; dir: string }> {
  const dir = await fakeToolDir({});
  const withBuild = await fakeToolDir({ kustomize: build(dir) });
  const tool = await findKustomizeTool({ PATH: withBuild });
  if (tool === null) throw new Error("the fake kustomize was not found");
  return { tool, dir };
}

/** The working directory the fake tool ran in (written by printingBuild), or undefined when it did not run. */
function lastCwd(dir: string): string | undefined {
  const file = path.join(dir, "last-cwd");
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

const REPO = {
  "deploy/base/kustomization.yaml": "resources: [deployment.yaml]\n",
  "deploy/base/deployment.yaml": "image: ghcr.io/acme/api:1.0.0\n",
  "deploy/dev/kustomization.yaml": "resources: [../base]\nimages: [{name: ghcr.io/acme/api, newTag: 1.4.2}]\n",
  "deploy/dev/patch.yaml": "replicas: 1\n",
  "README.md": "# fleet\n",
};

describe("renderKustomization with a fake tool", () => {
  it("skips without a tool", async () => {
    expect(await renderKustomization(null, memoryReader(REPO), "deploy/dev")).toEqual({ status: "skipped", reason: NO_TOOL });
    expect(NO_TOOL).toBe("neither kustomize nor kubectl is on the PATH");
  });

  it("writes the repository's files with the overrides to a temporary directory, runs the build there without PATH, and removes it", async () => {
    const { tool, dir } = await fakeKustomize(printingBuild);
    const overrides = new Map([
      ["deploy/dev/kustomization.yaml", "resources: [../base]\nimages: [{name: ghcr.io/acme/api, newTag: 1.5.0}]\n"],
      ["deploy/dev/patch.yaml", null],
      ["deploy/dev/extra.yaml", "added: true\n"],
    ]);
    const outcome = await renderKustomization(tool, memoryReader(REPO, ["deploy/base/logo.png"]), "deploy/dev", overrides);
    expect(outcome).toEqual({ status: "rendered", tool: "kustomize v5.5.0", output: expect.any(String) });
    expect(outcome.status === "rendered" && outcome.output).toBe(
      [
        "args: [build] [deploy/dev]",
        "path: []",
        "== README.md",
        "# fleet",
        "== deploy/base/deployment.yaml",
        "image: ghcr.io/acme/api:1.0.0",
        "== deploy/base/kustomization.yaml",
        "resources: [deployment.yaml]",
        "== deploy/dev/extra.yaml",
        "added: true",
        "== deploy/dev/kustomization.yaml",
        "resources: [../base]",
        "images: [{name: ghcr.io/acme/api, newTag: 1.5.0}]",
        "",
      ].join("\n"),
    );
    const cwd = lastCwd(dir);
    expect(cwd).toMatch(/promenade-render-/);
    expect(existsSync(path.dirname(cwd as string))).toBe(false);
  });

  it("renders the repository root as `.`", async () => {
    const { tool } = await fakeKustomize(printingBuild);
    const outcome = await renderKustomization(tool, memoryReader({ Kustomization: "resources: []\n" }), "./");
    expect(outcome.status === "rendered" && outcome.output.split("\n")[0]).toBe("args: [build] [.]");
  });

  it("skips a directory without a kustomization, also when the change deletes it", async () => {
    const { tool, dir } = await fakeKustomize(printingBuild);
    const reader = memoryReader(REPO);
    expect(await renderKustomization(tool, reader, "deploy")).toEqual({ status: "skipped", reason: "deploy has no kustomization.yaml" });
    expect(await renderKustomization(tool, reader, "deploy/dev", new Map([["deploy/dev/kustomization.yaml", null]]))).toEqual({
      status: "skipped",
      reason: "deploy/dev has no kustomization.yaml",
    });
    expect(await renderKustomization(tool, reader, "")).toEqual({ status: "skipped", reason: "the repository root has no kustomization.yaml" });
    expect(lastCwd(dir)).toBeUndefined();
  });

  it("accepts kustomization.yml", async () => {
    const { tool } = await fakeKustomize(printingBuild);
    const outcome = await renderKustomization(tool, memoryReader({ "env/kustomization.yml": "resources: []\n" }), "env");
    expect(outcome.status).toBe("rendered");
  });

  it("refuses paths that leave the repository, and runs nothing", async () => {
    const { tool, dir } = await fakeKustomize(printingBuild);
    const outside = memoryReader({ ...REPO, "../outside.yaml": "x: 1\n" });
    expect(await renderKustomization(tool, outside, "deploy/dev")).toEqual({
      status: "failed",
      reason: 'refused to write "../outside.yaml": not a file path inside the repository',
    });
    for (const file of ["/etc/cron.d/x", "deploy/../../x.yaml", "deploy\\x.yaml", ""]) {
      const outcome = await renderKustomization(tool, memoryReader(REPO), "deploy/dev", new Map([[file, "x: 1\n"]]));
      expect(outcome).toEqual({ status: "failed", reason: `refused to write ${JSON.stringify(file)}: not a file path inside the repository` });
    }
    expect(await renderKustomization(tool, memoryReader(REPO), "../deploy")).toEqual({
      status: "failed",
      reason: "../deploy is not a directory inside the repository",
    });
    expect(lastCwd(dir)).toBeUndefined();
  });

  it("fails when the repository's files cannot be written (a file and a directory of the same name)", async () => {
    const { tool, dir } = await fakeKustomize(printingBuild);
    const outcome = await renderKustomization(tool, memoryReader({ ...REPO, "deploy/dev/x": "1\n", "deploy/dev/x/y.yaml": "2\n" }), "deploy/dev");
    expect(outcome).toEqual({
      status: "failed",
      reason: expect.stringMatching(/^could not write the repository's files \(E[A-Z]+ on deploy\/dev\/x(\/y\.yaml)?\)$/),
    });
    expect(lastCwd(dir)).toBeUndefined();
  });

  it("reports the error line of kustomize's stderr, with repository paths, and removes the directory", async () => {
    const { tool, dir } = await fakeKustomize((toolDir) =>
      [
        KUSTOMIZE_VERSION,
        `printf '%s' "$PWD" > '${toolDir}/last-cwd'`,
        "echo 'some warning' >&2",
        `echo "Error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '$PWD/$2/missing.yaml' : lstat $PWD/$2/missing.yaml: no such file or directory'" >&2`,
        "echo 'Usage: kustomize build DIR' >&2",
        "exit 1",
      ].join("\n"),
    );
    expect(await renderKustomization(tool, memoryReader(REPO), "deploy/dev")).toEqual({
      status: "failed",
      reason:
        "accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on 'deploy/dev/missing.yaml' : lstat deploy/dev/missing.yaml: no such file or directory'",
    });
    expect(existsSync(lastCwd(dir) as string)).toBe(false);
  });

  it("reads kubectl's log line, and says how the tool ended when it printed nothing", async () => {
    const kubectlLike = await fakeKustomize(() =>
      [
        KUSTOMIZE_VERSION,
        String.raw`echo "E1123 23:09:58.606850   10522 run.go:72] \"command failed\" err=\"accumulating resources: \\\"$PWD/x.yaml\\\" is not valid\"" >&2`,
        "exit 1",
      ].join("\n"),
    );
    expect(await renderKustomization(kubectlLike.tool, memoryReader(REPO), "deploy/dev")).toEqual({
      status: "failed",
      reason: 'accumulating resources: "x.yaml" is not valid',
    });
    const silent = await fakeKustomize(() => [KUSTOMIZE_VERSION, "exit 3"].join("\n"));
    expect(await renderKustomization(silent.tool, memoryReader(REPO), "deploy/dev")).toEqual({
      status: "failed",
      reason: "kustomize v5.5.0 exited with code 3",
    });
  });

  it("stops a tool that runs too long, and removes the directory", async () => {
    const { tool, dir } = await fakeKustomize((toolDir) => [KUSTOMIZE_VERSION, `printf '%s' "$PWD" > '${toolDir}/last-cwd'`, "while :; do :; done"].join("\n"));
    const started = Date.now();
    expect(await renderKustomization(tool, memoryReader(REPO), "deploy/dev", undefined, { timeoutMs: 300 })).toEqual({
      status: "failed",
      reason: "kustomize v5.5.0 timed out after 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(lastCwd(dir) as string)).toBe(false);
  });

  it("stops a tool that prints too much", async () => {
    const { tool } = await fakeKustomize(() => [KUSTOMIZE_VERSION, "while :; do echo 'apiVersion: v1 kind: ConfigMap metadata: {name: x}'; done"].join("\n"));
    expect(await renderKustomization(tool, memoryReader(REPO), "deploy/dev", undefined, { maxOutputBytes: 4096 })).toEqual({
      status: "failed",
      reason: "output too large (over 4096 bytes)",
    });
  });
});

const realTool = await findKustomizeTool();

describe.skipIf(realTool === null)(`renderKustomization with ${realTool?.label ?? "kustomize or kubectl (not on this machine)"}`, () => {
  const reader = new LocalRepo(FIXTURE);
  const overlay = readFileSync(path.join(FIXTURE, "overlays/dev/kustomization.yaml"), "utf8");

  it("renders the overlay, and the new tag once an override changes it; the rendered diff masks the generated Secret", async () => {
    const before = await renderKustomization(realTool, reader, "overlays/dev");
    const after = await renderKustomization(
      realTool,
      reader,
      "overlays/dev",
      new Map([["overlays/dev/kustomization.yaml", overlay.replace("newTag: 1.4.2", "newTag: 1.5.0")]]),
    );
    if (before.status !== "rendered" || after.status !== "rendered") throw new Error(`not rendered: ${JSON.stringify([before, after])}`);
    expect(before.tool).toBe(realTool?.label);
    expect(before.output).toContain("image: ghcr.io/acme/api:1.4.2");
    expect(after.output).toContain("image: ghcr.io/acme/api:1.5.0");
    expect(after.output).not.toContain("ghcr.io/acme/api:1.4.2");
    const secret = Buffer.from("dev-token-0a1b2c3d").toString("base64");
    expect(after.output).toContain(secret);
    const masked = maskSecrets("overlays/dev (rendered)", before.output, after.output);
    const diff = unifiedDiff("overlays/dev (rendered)", masked.before ?? "", masked.after ?? "");
    expect(diff).not.toContain(secret);
    expect(diff.split("\n").filter((line) => /^[-+] /.test(line))).toEqual([
      "-        image: ghcr.io/acme/api:1.4.2",
      "+        image: ghcr.io/acme/api:1.5.0",
    ]);
  });

  it("fails with the tool's reason, in repository paths, when a generator's file is missing", async () => {
    const broken = new Map([["overlays/dev/kustomization.yaml", `${overlay}configMapGenerator:\n  - name: settings\n    files: [missing.properties]\n`]]);
    const outcome = await renderKustomization(realTool, reader, "overlays/dev", broken);
    expect(outcome.status).toBe("failed");
    const reason = outcome.status === "failed" ? outcome.reason : "";
    expect(reason).toContain("overlays/dev/missing.properties");
    expect(reason).not.toContain("promenade-render-");
    expect(reason).not.toContain("\n");
  });

  it("refuses a patch file outside the kustomization's directory (kustomize's default load restrictor)", async () => {
    const outside = new Map([["overlays/dev/kustomization.yaml", `${overlay}patches:\n  - path: ../../base/deployment.yaml\n`]]);
    expect((await renderKustomization(realTool, reader, "overlays/dev", outside)).status).toBe("failed");
  });
});

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findKustomizeTool, renderKustomization } from "../../src/render-manifests/kustomize.js";
import { runTool } from "../../src/render-manifests/run-tool.js";
import { CLOSED_PROXY, toolEnvironment } from "../../src/render-manifests/tool-environment.js";
import { fakeToolDir, KUSTOMIZE_VERSION, memoryReader } from "./fake-tools.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The variables a shell script sees, from its `export -p` lines (`export NAME='value'`). */
function exported(output: string): Record<string, string> {
  return Object.fromEntries([...output.matchAll(/^export ([A-Za-z_][A-Za-z0-9_]*)='([^']*)'$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

describe("the environment of the rendering tool", () => {
  it("holds the closed proxy, no proxy exception, safe git settings and none of the app's secrets", async () => {
    vi.stubEnv("WEBHOOK_SECRET", "webhook-secret-value");
    vi.stubEnv("PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----");
    vi.stubEnv("GITHUB_TOKEN", "ghs_token_value");
    vi.stubEnv("REDIS_URL", "redis://:password@127.0.0.1:6379");
    vi.stubEnv("HTTPS_PROXY", "http://proxy.corp.example:3128");
    vi.stubEnv("NO_PROXY", "*");
    const tool = await findKustomizeTool({ PATH: await fakeToolDir({ kustomize: [KUSTOMIZE_VERSION, "export -p"].join("\n") }) });
    const outcome = await renderKustomization(tool, memoryReader({ "deploy/dev/kustomization.yaml": "resources: []\n" }), "deploy/dev");
    if (outcome.status !== "rendered") throw new Error(`not rendered: ${JSON.stringify(outcome)}`);
    const { PWD: _shellsOwn, ...variables } = exported(outcome.output);
    expect(variables).toEqual({
      PATH: "",
      HOME: expect.stringMatching(/promenade-render-[^/]+$/),
      LANG: "C",
      HTTP_PROXY: "http://127.0.0.1:1",
      HTTPS_PROXY: "http://127.0.0.1:1",
      ALL_PROXY: "http://127.0.0.1:1",
      http_proxy: "http://127.0.0.1:1",
      https_proxy: "http://127.0.0.1:1",
      all_proxy: "http://127.0.0.1:1",
      NO_PROXY: "",
      no_proxy: "",
      GIT_TERMINAL_PROMPT: "0",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_ALLOW_PROTOCOL: "",
    });
    expect(outcome.output).not.toMatch(/webhook-secret-value|BEGIN RSA|ghs_token_value|password|proxy\.corp/);
  });
});

const realTool = await findKustomizeTool();

describe.skipIf(realTool === null)(`${realTool?.label ?? "kustomize or kubectl (not on this machine)"} in that environment`, () => {
  it("sends a remote resource's request to the closed proxy and finds no git, when nothing refused it first", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "promenade-proxy-test-"));
    try {
      await writeFile(path.join(dir, "kustomization.yaml"), "resources:\n  - https://github.com/acme/base?ref=v1\n");
      const result = await runTool(realTool?.command as string, [...(realTool?.args ?? []), "."], {
        cwd: dir,
        env: toolEnvironment(dir),
        timeoutMs: 20_000,
        maxOutputBytes: 1024,
      });
      if (result.status !== "exited") throw new Error(`the tool did not exit: ${JSON.stringify(result)}`);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`proxyconnect tcp: dial tcp ${new URL(CLOSED_PROXY).host}: connect: connection refused`);
      expect(result.stderr).toMatch(/no 'git' program on path|"git": executable file not found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

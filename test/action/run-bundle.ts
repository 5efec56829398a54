/** Runs the committed Action bundle as the runner does: `node dist-action/index.mjs`, the event in a JSON file, inputs as `INPUT_*`. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BUNDLE = fileURLToPath(new URL("../../dist-action/index.mjs", import.meta.url));

/** The token the tests give: it must never be printed. */
export const TOKEN = "ghs_actionTestToken0123456789abcdef";

/** The signing key the tests give: the material the test process signs with (vitest's WEBHOOK_SECRET), so each side verifies the other's data blocks. */
export const SIGNING_KEY = "test-webhook-secret";

export interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundle on `event` with `payload` against the API at `apiUrl`; `env` adds or overrides variables (undefined removes one). */
export async function runBundle(apiUrl: string, event: string, payload: object, env: Record<string, string | undefined> = {}): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), "promenade-action-"));
  const eventPath = join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(payload));
  const variables: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/gitops",
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    INPUT_TOKEN: TOKEN,
    "INPUT_SIGNING-KEY": SIGNING_KEY,
    "INPUT_APP-SLUG": "promenade",
    PROMENADE_RENDER: "off",
    ...env,
  };
  const childEnv = Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));
  try {
    return await new Promise<BundleRun>((resolve, reject) => {
      const child = spawn(process.execPath, [BUNDLE], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

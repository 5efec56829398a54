import { describe, expect, it } from "vitest";
import { readChangedFiles } from "../../src/engine/review/read-changed-files.js";
import { reviewEnvironment } from "../../src/engine/review/review-environment.js";
import type { EnvironmentReview, RenderedDiff } from "../../src/engine/review/review.js";
import { config, kustomization, MemoryReader } from "../plan/helpers.js";

const CONFIG = config(`environments:
  dev: { path: deploy/dev }
  staging:
    path: deploy/staging
    from: dev
    requires: { approvals: 1 }
policies:
  - builtin: no-latest-tag
  - builtin: require-digest
    environments: [staging]
    severity: warning
`);

const API = "ghcr.io/acme/api";
const WEB = "ghcr.io/acme/web";
const RENDERED: RenderedDiff = { status: "skipped", reason: "rendering is turned off" };

/** The main branch: dev ahead of staging on both images. */
const BASE = {
  "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.1.0" }),
  "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.4.0", [WEB]: "2.0.0" }),
};

/** The review of `environment` between BASE and BASE with `changes`. */
async function review(environment: string, changes: Record<string, string>): Promise<EnvironmentReview> {
  const base = new MemoryReader(BASE);
  const head = new MemoryReader({ ...BASE, ...changes });
  const dir = `deploy/${environment}`;
  const files = await readChangedFiles(
    base,
    head,
    dir,
    Object.keys(changes).filter((path) => path.startsWith(`${dir}/`)),
  );
  return reviewEnvironment({ config: CONFIG, environment, files, base, head, rendered: RENDERED });
}

describe("reviewEnvironment", () => {
  it("reviews a promotion of one image: diff, version, drift from the source at the base, policies", async () => {
    const result = await review("staging", {
      "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.0.0" }),
      // Moving dev in the same pull request does not change the drift: the source is read before it.
      "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.0.0" }),
    });
    expect({ ...result, files: result.files.map((file) => `${file.path} ${file.status} +${file.added} -${file.removed}`) }).toEqual({
      environment: "staging",
      from: "dev",
      gated: true,
      files: ["deploy/staging/kustomization.yaml modified +1 -1"],
      images: [{ image: API, from: { tag: "1.4.0", digest: null }, to: { tag: "1.5.0", digest: null }, bump: "minor" }],
      drift: [{ image: WEB, source: { tag: "2.1.0", digest: null }, target: { tag: "2.0.0", digest: null } }],
      policy: expect.anything(),
      problems: [],
      rendered: RENDERED,
    });
    expect(result.policy?.results.map((r) => `${r.policy} ${r.severity}: ${r.findings.map((f) => `${f.file}:${f.line}`).join(" ")}`)).toEqual([
      "no-latest-tag error: ",
      "require-digest warning: deploy/staging/kustomization.yaml:5 deploy/staging/kustomization.yaml:7",
    ]);
  });

  it("gives an environment without from or requires no from, no gate and no drift", async () => {
    const result = await review("dev", { "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.6.0", [WEB]: "2.1.0" }) });
    expect([result.from, result.gated, result.drift, result.policy?.results.map((r) => r.policy)]).toEqual([undefined, false, [], ["no-latest-tag"]]);
    expect("from" in result).toBe(false);
  });

  it("reports a file that does not parse on the head side as a problem, and evaluates no policy", async () => {
    const result = await review("staging", { "deploy/staging/broken.yaml": "kind: ConfigMap\ndata:\n  a: [1, 2\n" });
    expect(result.problems).toMatchInlineSnapshot(`
      [
        {
          "file": "deploy/staging/broken.yaml",
          "line": 4,
          "message": "not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
        },
      ]
    `);
    expect([result.policy, result.drift, result.images]).toEqual([null, [], []]);
    expect(result.files.map((file) => file.status)).toEqual(["added"]);
  });

  it("reports a file it does not change that does not parse as a warning, and judges the policies on the other files", async () => {
    const base = new MemoryReader({ ...BASE, "deploy/staging/broken.yaml": "kind: ConfigMap\ndata:\n  a: [1, 2\n", "deploy/dev/broken.yaml": "a: [\n" });
    const head = new MemoryReader({
      ...BASE,
      "deploy/staging/broken.yaml": "kind: ConfigMap\ndata:\n  a: [1, 2\n",
      "deploy/dev/broken.yaml": "a: [\n",
      "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.0.0" }),
    });
    const files = await readChangedFiles(base, head, "deploy/staging", ["deploy/staging/kustomization.yaml"]);
    const result = await reviewEnvironment({ config: CONFIG, environment: "staging", files, base, head, rendered: RENDERED });
    expect(result.problems).toEqual([]);
    expect(result.warnings?.map((warning) => warning.file)).toEqual(["deploy/staging/broken.yaml", "deploy/dev/broken.yaml"]);
    expect(result.policy?.results.map((r) => r.policy)).toEqual(["no-latest-tag", "require-digest"]);
    expect(result.images.map((change) => change.to?.tag)).toEqual(["1.5.0"]);
    expect(result.drift.map((entry) => entry.image)).toEqual([WEB]);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import type { PolicyReport } from "../../src/engine/policy/index.js";
import {
  BASE_DEPLOYMENT,
  fakeKubectlDir,
  KUSTOMIZATION,
  overlayFiles,
  PULL_POLICY_PATCH,
  PULL_POLICY_RULE,
  REPLICAS_PATCH,
  REPLICAS_RULE,
} from "../policy/overlay-fixture.js";
import { TempDirs } from "../repo/temp-repo.js";
import { CONFIG, FLEET, withoutConfig } from "./fixture.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => {
  temp.cleanup();
  vi.unstubAllEnvs();
});

/** The CLI fleet with `policies` (YAML list items) added to its config, and `files` added to the repository. */
function fleetWith(policies: string, files: Record<string, string> = {}) {
  return temp.repo({ ...FLEET, ".github/promenade.yml": `${CONFIG}policies:\n${policies}`, ...files });
}

const PRIVILEGED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.2.0
          securityContext:
            privileged: true
`;

describe("promenade check", () => {
  it("exits 0 and prints a summary per environment when nothing is found", async () => {
    const repo = fleetWith("  - builtin: no-latest-tag\n  - builtin: no-privileged\n    environments: [production]\n");
    expect(await promenade(["check", "--repo", repo])).toEqual({
      code: 0,
      stdout: "dev: 1 policy, 0 errors, 0 warnings\nstaging: 1 policy, 0 errors, 0 warnings\nproduction: 2 policies, 0 errors, 0 warnings\n",
      stderr: "",
    });
  });

  it("prints each finding with file, line, severity, policy and object, and exits 1 on an error", async () => {
    const repo = fleetWith(
      `  - builtin: no-privileged
  - name: prod-replicas
    environments: [production]
    match: { kind: Deployment }
    cel: "object.spec.replicas >= 2"
    message: production Deployments run at least 2 replicas
    severity: warning
`,
      { "deploy/production/deployment.yaml": PRIVILEGED },
    );
    expect(await promenade(["check", "--repo", repo, "--env", "production"])).toEqual({
      code: 1,
      stdout:
        "deploy/production/deployment.yaml:1: warning [prod-replicas] production Deployments run at least 2 replicas (Deployment/shop/api)\n" +
        'deploy/production/deployment.yaml:14: error [no-privileged] container "api" runs privileged (securityContext.privileged: true); expected no privileged containers (Deployment/shop/api)\n' +
        "production: 2 policies, 1 error, 1 warning\n",
      stderr: "",
    });
  });

  it("exits 0 when every finding is a warning, and leaves out the object of a reference outside objects", async () => {
    const repo = fleetWith("  - { builtin: require-digest, severity: warning, environments: [staging] }\n");
    expect(await promenade(["check", "--repo", repo])).toEqual({
      code: 0,
      stdout:
        "dev: 0 policies, 0 errors, 0 warnings\n" +
        "deploy/staging/kustomization.yaml:5: warning [require-digest] ghcr.io/acme/api:1.3.0 is not pinned by digest; expected a digest (@sha256:...)\n" +
        "staging: 1 policy, 0 errors, 1 warning\n" +
        "production: 0 policies, 0 errors, 0 warnings\n",
      stderr: "",
    });
  });

  it("prints the reports as JSON with --json", async () => {
    const repo = fleetWith("  - builtin: require-digest\n    environments: [production]\n");
    const result = await promenade(["check", "--repo", repo, "--env", "production", "--json"]);
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as PolicyReport[];
    expect(reports).toEqual([
      {
        environment: "production",
        results: [
          {
            policy: "require-digest",
            severity: "error",
            description: "every image is pinned by digest (@sha256:...)",
            checked: 1,
            checkedUnit: "reference",
            findings: [
              {
                policy: "require-digest",
                severity: "error",
                message: "ghcr.io/acme/api:1.2.0 is not pinned by digest; expected a digest (@sha256:...)",
                file: "deploy/production/values.yaml",
                line: 3,
                object: null,
              },
            ],
          },
        ],
      },
    ]);
  });

  it("exits 2 for an unknown environment", async () => {
    const repo = fleetWith("  - builtin: no-latest-tag\n");
    expect(await promenade(["check", "--repo", repo, "--env", "prod"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "promenade: unknown environment 'prod' (known: dev, staging, production)\n",
    });
  });

  it("exits 2 without a config file, and for a YAML file that does not parse", async () => {
    expect(await promenade(["check", "--repo", temp.repo(withoutConfig(FLEET))])).toMatchObject({
      code: 2,
      stderr: "promenade: .github/promenade.yml: not found; this repository does not use Promenade (is --repo its root?)\n",
    });
    const broken = fleetWith("  - builtin: no-latest-tag\n", { "deploy/dev/broken.yaml": "image: [\n" });
    expect(await promenade(["check", "--repo", broken])).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^promenade: deploy\/dev\/broken\.yaml:2: not valid YAML/),
    });
  });

  it("exits 1 with each problem of an invalid config, a CEL expression that does not compile among them", async () => {
    const repo = fleetWith('  - name: r\n    cel: "object.spec.replicas >="\n    message: m\n');
    expect(await promenade(["check", "--repo", repo])).toEqual({
      code: 1,
      stdout: "",
      stderr: "promenade: .github/promenade.yml:13: policies[0].cel: does not compile: a syntax error (column 24)\n",
    });
  });

  it("exits 2 on an unknown option, and prints its help with --help", async () => {
    expect(await promenade(["check", "--path", "x"])).toMatchObject({ code: 2 });
    const help = await promenade(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: promenade check \[--repo DIR\] \[--env ENV\] \[--json\]/);
  });
});

describe("promenade check on a kustomize overlay", () => {
  /** The overlay fixture with a config whose production policies a patch judged as a whole Deployment would fail. */
  function overlay(apiPullPolicy?: string): string {
    const config = `environments:
  production: { path: deploy/production }
policies:
  - builtin: require-resource-limits
${REPLICAS_RULE}${PULL_POLICY_RULE}`;
    return temp.repo({ ...overlayFiles(apiPullPolicy === undefined ? {} : { apiPullPolicy }), ".github/promenade.yml": config });
  }

  it("with rendering off, judges no patch file as an object, names them in notes, and exits 0", async () => {
    vi.stubEnv("PROMENADE_RENDER", "off");
    const why = (field: string) =>
      `kustomize patch named in ${field} of ${KUSTOMIZATION}: not a whole object, so its objects are judged only on the rendered manifests (its image references are judged)`;
    expect(await promenade(["check", "--repo", overlay()])).toEqual({
      code: 0,
      stdout:
        `${PULL_POLICY_PATCH}: note: not judged: ${why("patchesStrategicMerge")}\n` +
        `${REPLICAS_PATCH}: note: not judged: ${why("patches")}\n` +
        "production: 3 policies, 0 errors, 0 warnings\n",
      stderr: "",
    });
  });

  it("with a renderer on the PATH, judges the rendered manifests: a base pulling Always fails at the base's line", async () => {
    vi.stubEnv("PROMENADE_RENDER", "on");
    vi.stubEnv("PATH", await fakeKubectlDir({ apiPullPolicy: "Always" }));
    expect(await promenade(["check", "--repo", overlay("Always")])).toEqual({
      code: 1,
      stdout:
        `${BASE_DEPLOYMENT}:2: error [pinned-pull-policy] containers do not pull on every start (Deployment/shop/api)\n` +
        "production: 3 policies, 1 error, 0 warnings (on the manifests rendered by kubectl kustomize (Kustomize v5.5.0))\n",
      stderr: "",
    });
  });
});

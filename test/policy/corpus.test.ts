/**
 * Every policy rule on real manifests from the shared corpus (../shared/corpus
 * next to the project, see its MANIFEST.tsv for the sources): one file that
 * passes and one that fails. The corpus is not part of the project, so these
 * tests are skipped where it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { evaluatePolicies, type PolicyResult } from "../../src/engine/policy/index.js";
import { MemoryReader } from "../plan/helpers.js";

const corpus = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

const PGSQL = "sourcegraph__deploy-sourcegraph-k8s/base/sourcegraph/pgsql/pgsql.StatefulSet.yaml";
const WARM_CACHE = "stefanprodan__podinfo/deploy/bases/frontend/cronjob-warm-cache.yaml";
const HELM_HOOKS = "argoproj__argocd-example-apps/helm-hooks/manifests.yaml";
const WIN_FLAGS = "microsoft__SDN/Kubernetes/windows/debug/enablewinflags/winserver2022.yaml";
const PROW = "kubernetes-sigs__prow/config/prow/cluster/starter/starter-gcs.yaml";
const PORT_MAPPING = "microsoft__SDN/Kubernetes/PortMapping.yaml";
const GUESTBOOK = "kubernetes__examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml";

/** The result of the one policy `policy` (a YAML list item) on the corpus file `file`, read as the only file of an environment. */
async function check(file: string, policy: string): Promise<PolicyResult> {
  const config = parseConfig(`environments:\n  corpus: { path: "${posix.dirname(file)}" }\npolicies:\n${policy}`);
  const reader = new MemoryReader({ [file]: readFileSync(`${corpus}${file}`, "utf8") });
  const [result] = (await evaluatePolicies(config, "corpus", reader)).results;
  if (result === undefined) throw new Error("the policy did not apply");
  return result;
}

/** A rule, files it passes (with how many things it checks there), and a file it fails with its findings. */
interface Case {
  rule: string;
  policy: string;
  passes: [file: string, checked: number][];
  fails: { file: string; findings: string[]; firstMessage: string };
}

const replicas = (match: string) => `  - name: replicas
    match: ${match}
    cel: "object.spec.replicas >= 2"
    message: run at least 2 replicas
`;

const CASES: Case[] = [
  {
    rule: "no-latest-tag",
    policy: "  - builtin: no-latest-tag\n",
    passes: [[PGSQL, 3]],
    fails: {
      file: HELM_HOOKS,
      findings: ["14 Job/upgrade-sql-schema", "31 Job/maint-page-up", "52 ReplicaSet/frontend", "80 Job/maint-page-down"],
      firstMessage: "docker.io/library/alpine:latest is tagged latest; expected a version tag or a digest",
    },
  },
  {
    rule: "allowed-registries",
    policy: "  - builtin: allowed-registries\n    registries: [ghcr.io/stefanprodan, docker.io/sourcegraph]\n",
    // pgsql's images are on index.docker.io, which is docker.io.
    passes: [
      [WARM_CACHE, 2],
      [PGSQL, 3],
    ],
    fails: {
      file: HELM_HOOKS,
      findings: ["14 Job/upgrade-sql-schema", "31 Job/maint-page-up", "52 ReplicaSet/frontend", "80 Job/maint-page-down"],
      firstMessage: "docker.io/library/alpine:latest is not from an allowed registry; expected an image from ghcr.io/stefanprodan, docker.io/sourcegraph",
    },
  },
  {
    rule: "require-digest",
    policy: "  - builtin: require-digest\n",
    passes: [[PGSQL, 3]],
    fails: {
      file: WARM_CACHE,
      findings: ["26 CronJob/warm-cache", "46 CronJob/warm-cache"],
      firstMessage: "ghcr.io/stefanprodan/podinfo:6.14.1 is not pinned by digest; expected a digest (@sha256:...)",
    },
  },
  {
    rule: "require-resource-limits",
    policy: "  - builtin: require-resource-limits\n",
    passes: [
      [WARM_CACHE, 2],
      [PGSQL, 3],
    ],
    fails: {
      file: HELM_HOOKS,
      findings: ["13 Job/upgrade-sql-schema", "30 Job/maint-page-up", "51 ReplicaSet/frontend", "79 Job/maint-page-down"],
      firstMessage:
        'container "upgrade-sql-schema" sets no CPU or memory limit (resources.limits.cpu, resources.limits.memory); expected CPU and memory limits on every container',
    },
  },
  {
    rule: "no-privileged",
    policy: "  - builtin: no-privileged\n",
    passes: [[PGSQL, 3]],
    // A Windows host-process DaemonSet; the finding is at its `privileged: true`.
    fails: {
      file: WIN_FLAGS,
      findings: ["63 DaemonSet/enable-win-flags"],
      firstMessage: 'container "enable-win-flags" runs privileged (securityContext.privileged: true); expected no privileged containers',
    },
  },
  {
    rule: "a CEL rule (the production replicas rule of the documented example)",
    policy: replicas("{ kind: Deployment }"),
    // A Windows web server Deployment with 2 replicas; the guestbook's redis-master runs 1.
    passes: [[PORT_MAPPING, 1]],
    fails: { file: GUESTBOOK, findings: ["18 Deployment/redis-master"], firstMessage: "run at least 2 replicas" },
  },
  {
    rule: "a CEL rule with string functions",
    policy: `  - name: prow-images
    match: { kind: Deployment }
    cel: 'object.spec.template.spec.containers.all(c, c.image.startsWith("us-docker.pkg.dev/k8s-infra-prow/images/deck:"))'
    message: only deck
`,
    passes: [[WARM_CACHE, 0]],
    fails: {
      file: PROW,
      findings: [
        "140 Deployment/prow/hook",
        "236 Deployment/prow/sinker",
        "369 Deployment/prow/horologium",
        "405 Deployment/prow/tide",
        "517 Deployment/prow/statusreconciler",
        "908 Deployment/prow/ghproxy",
        "965 Deployment/prow/prow-controller-manager",
        "1114 Deployment/prow/crier",
      ],
      firstMessage: "only deck",
    },
  },
];

describe.skipIf(!existsSync(corpus))("policies on the corpus", () => {
  for (const { rule, policy, passes, fails } of CASES) {
    describe(rule, () => {
      it.each(passes)("passes %s", async (file, checked) => {
        expect(await check(file, policy)).toMatchObject({ checked, findings: [] });
      });

      it(`fails ${fails.file}`, async () => {
        const { findings } = await check(fails.file, policy);
        expect(findings.map((f) => `${f.line} ${f.object}`)).toEqual(fails.findings);
        expect(findings[0]?.message).toBe(fails.firstMessage);
      });
    });
  }

  it("selects the objects a CEL rule checks by kind and name", async () => {
    expect(await check(PROW, replicas("{ kind: Deployment, name: hook }"))).toMatchObject({ checked: 1, findings: [] });
    expect((await check(PGSQL, replicas("{ kind: StatefulSet }"))).findings.map((f) => `${f.line} ${f.object}`)).toEqual(["1 StatefulSet/pgsql"]);
    const allProw = CASES.at(-1)?.policy.replace("images/deck:", "") ?? "";
    expect(await check(PROW, allProw)).toMatchObject({ checked: 9, findings: [] });
  });
});

import { describe, expect, it } from "vitest";
import { requireResourceLimits } from "../../src/engine/policy/builtin-require-resource-limits.js";
import { described, environmentOf } from "./helpers.js";

const WANTS = "expected CPU and memory limits on every container";

describe("require-resource-limits", () => {
  it("passes containers and init containers with CPU and memory limits", async () => {
    const { manifests } = await environmentOf("deployment-good.yaml", "statefulset.yaml");
    expect(requireResourceLimits(manifests)).toMatchObject({ checked: 3, checkedUnit: "container", violations: [] });
  });

  it("skips ephemeral containers, which cannot have resources", async () => {
    const { manifests } = await environmentOf("debug-pod.yaml");
    expect(requireResourceLimits(manifests)).toMatchObject({ checked: 1, violations: [] });
  });

  it("finds containers missing a limit at the container's entry, saying which", async () => {
    const { manifests } = await environmentOf("deployment-bad.yaml", "list.yaml");
    expect(described(requireResourceLimits(manifests).violations)).toEqual([
      `deploy/deployment-bad.yaml:28 Deployment/web: container "web" sets no CPU limit (resources.limits.cpu); ${WANTS}`,
      `deploy/deployment-bad.yaml:33 Deployment/web: container "proxy" sets no CPU or memory limit (resources.limits.cpu, resources.limits.memory); ${WANTS}`,
      `deploy/list.yaml:20 Deployment/worker: container "worker" sets no CPU or memory limit (resources.limits.cpu, resources.limits.memory); ${WANTS}`,
    ]);
  });

  it("finds an empty limit in a CronJob's init container", async () => {
    const outcome = requireResourceLimits((await environmentOf("cronjob.yaml")).manifests);
    expect(outcome.checked).toBe(2);
    expect(described(outcome.violations)).toEqual([
      `deploy/cronjob.yaml:23 CronJob/shop/nightly-report: init container "fetch" sets no memory limit (resources.limits.memory); ${WANTS}`,
    ]);
  });
});

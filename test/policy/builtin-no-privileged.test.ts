import { describe, expect, it } from "vitest";
import { noPrivileged } from "../../src/engine/policy/builtin-no-privileged.js";
import { environmentOf } from "./helpers.js";

describe("no-privileged", () => {
  it("passes containers that are not privileged, or say privileged: false", async () => {
    const { manifests } = await environmentOf("deployment-good.yaml", "cronjob.yaml", "statefulset.yaml");
    expect(noPrivileged(manifests)).toMatchObject({ checked: 5, checkedUnit: "container", violations: [] });
  });

  it("finds privileged containers, ephemeral ones too, at the privileged line", async () => {
    const { manifests } = await environmentOf("deployment-bad.yaml", "debug-pod.yaml");
    expect(noPrivileged(manifests)).toEqual({
      description: "no container runs privileged",
      checked: 4,
      checkedUnit: "container",
      violations: [
        {
          file: "deploy/debug-pod.yaml",
          line: 17,
          object: "Pod/api-debug",
          message: 'ephemeral container "debugger" runs privileged (securityContext.privileged: true); expected no privileged containers',
        },
        {
          file: "deploy/deployment-bad.yaml",
          line: 36,
          object: "Deployment/web",
          message: 'container "proxy" runs privileged (securityContext.privileged: true); expected no privileged containers',
        },
      ],
    });
  });
});

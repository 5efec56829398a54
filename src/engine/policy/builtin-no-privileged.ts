/** The built-in policy `no-privileged`: no container runs privileged. */
import { isScalar } from "yaml";
import { describeContainer } from "./containers.js";
import { checkContainers } from "./container-rule.js";
import { fieldOf, lineOfNode, type Manifest } from "./manifests.js";
import type { RuleOutcome } from "./policy-report.js";

/** Findings for containers, init containers and ephemeral containers with `securityContext.privileged: true`, at that value. */
export function noPrivileged(manifests: readonly Manifest[]): RuleOutcome {
  const lists = ["initContainers", "containers", "ephemeralContainers"] as const;
  return checkContainers(manifests, lists, "no container runs privileged", (container) => {
    const privileged = fieldOf(container.manifest.document, container.node, "securityContext", "privileged");
    if (!isScalar(privileged) || privileged.value !== true) return null;
    return {
      line: lineOfNode(container.manifest, privileged),
      message: `${describeContainer(container)} runs privileged (securityContext.privileged: true); expected no privileged containers`,
    };
  });
}

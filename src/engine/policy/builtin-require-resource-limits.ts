/** The built-in policy `require-resource-limits`: every container sets CPU and memory limits. */
import { isScalar } from "yaml";
import { describeContainer } from "./containers.js";
import { checkContainers } from "./container-rule.js";
import { fieldOf, type Manifest } from "./manifests.js";
import type { RuleOutcome } from "./policy-report.js";

const LIMITS = ["cpu", "memory"] as const;
const NAMES = { cpu: "CPU", memory: "memory" } as const;

/**
 * Findings for containers and init containers (ephemeral containers cannot
 * have resources) that leave `resources.limits.cpu` or
 * `resources.limits.memory` unset or empty, at the container's entry.
 */
export function requireResourceLimits(manifests: readonly Manifest[]): RuleOutcome {
  return checkContainers(manifests, ["initContainers", "containers"], "every container sets CPU and memory limits", (container) => {
    const { document } = container.manifest;
    const missing = LIMITS.filter((limit) => isUnset(fieldOf(document, container.node, "resources", "limits", limit)));
    if (missing.length === 0) return null;
    const what = missing.map((limit) => NAMES[limit]).join(" or ");
    const keys = missing.map((limit) => `resources.limits.${limit}`).join(", ");
    return {
      line: container.line,
      message: `${describeContainer(container)} sets no ${what} limit (${keys}); expected CPU and memory limits on every container`,
    };
  });
}

/** True for a missing, null or empty value. */
function isUnset(node: unknown): boolean {
  if (node === undefined || node === null) return true;
  return isScalar(node) && (node.value === null || node.value === "");
}

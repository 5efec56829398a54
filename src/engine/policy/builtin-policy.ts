/** Runs a built-in policy of the config by its name. */
import type { BuiltinPolicy } from "../config/schema.js";
import { allowedRegistries } from "./builtin-allowed-registries.js";
import { noLatestTag } from "./builtin-no-latest-tag.js";
import { noPrivileged } from "./builtin-no-privileged.js";
import { requireDigest } from "./builtin-require-digest.js";
import { requireResourceLimits } from "./builtin-require-resource-limits.js";
import type { EnvironmentFiles } from "./environment-files.js";
import type { RuleOutcome } from "./policy-report.js";

/** What the built-in policy `policy` finds in an environment's files. */
export function runBuiltinPolicy(policy: BuiltinPolicy, files: EnvironmentFiles): RuleOutcome {
  switch (policy.builtin) {
    case "no-latest-tag":
      return noLatestTag(files.references);
    case "allowed-registries":
      return allowedRegistries(policy.registries ?? [], files.references);
    case "require-digest":
      return requireDigest(files.references);
    case "require-resource-limits":
      return requireResourceLimits(files.manifests);
    case "no-privileged":
      return noPrivileged(files.manifests);
  }
}

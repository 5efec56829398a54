/** The built-in policy `no-latest-tag`: every image names a version, by a tag other than `latest` or by a digest. */
import type { RuleOutcome } from "./policy-report.js";
import { checkReferences, describeReference, type LocatedReference } from "./reference-rule.js";

const WANTS = "expected a version tag or a digest";

/** Findings for references tagged `latest`, and for references with neither tag nor digest. A digest pins the image whatever the tag. */
export function noLatestTag(references: readonly LocatedReference[]): RuleOutcome {
  return checkReferences(references, "every image names a version: a tag other than latest, or a digest", (ref) => {
    if (ref.digest !== null) return null;
    if (ref.tag === null) return `${describeReference(ref)} has no tag: runs whatever latest is; ${WANTS}`;
    if (ref.tag === "latest") return `${describeReference(ref)} is tagged latest; ${WANTS}`;
    return null;
  });
}

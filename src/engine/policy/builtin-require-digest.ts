/** The built-in policy `require-digest`: every image is pinned by digest. */
import type { RuleOutcome } from "./policy-report.js";
import { checkReferences, describeReference, type LocatedReference } from "./reference-rule.js";

/** Findings for references without a digest. */
export function requireDigest(references: readonly LocatedReference[]): RuleOutcome {
  return checkReferences(references, "every image is pinned by digest (@sha256:...)", (ref) =>
    ref.digest === null ? `${describeReference(ref)} is not pinned by digest; expected a digest (@sha256:...)` : null,
  );
}

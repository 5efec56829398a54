/** Whether the gate can believe Promenade's own record of a promotion PR, as a requirement. */
import type { RequirementStatus } from "./types.js";

/**
 * The integrity requirement: applies only to a promotion PR whose record
 * (the signed data in its body, the commit Promenade made) was changed by
 * someone else, and is then never met, whatever else the PR has.
 */
export function integrityStatus(tampered: string | null): RequirementStatus | null {
  if (tampered === null) return null;
  return {
    kind: "integrity",
    met: false,
    detail: `${tampered}: Promenade does not believe this pull request's promotion data any more (comment \`/promote <image> to <environment>\` to have it written again)`,
    missing: "changed by hand",
  };
}

/**
 * The frame of the image rules (no-latest-tag, allowed-registries,
 * require-digest): every image reference found by discovery, checked one by
 * one, a finding at the line of the reference.
 */
import type { ImageReference } from "../images/reference.js";
import type { RuleOutcome } from "./policy-report.js";

/** An image reference and the Kubernetes object it is in (`Deployment/api`), null outside objects. */
export interface LocatedReference {
  ref: ImageReference;
  object: string | null;
}

/**
 * Checks every reference with `problem`, which says what is wrong with one
 * (naming the image and what the rule wants) or returns null when it passes.
 */
export function checkReferences(references: readonly LocatedReference[], description: string, problem: (ref: ImageReference) => string | null): RuleOutcome {
  const violations = references.flatMap(({ ref, object }) => {
    const message = problem(ref);
    return message === null ? [] : [{ message, file: ref.file, line: ref.line, object }];
  });
  return { description, checked: references.length, checkedUnit: "reference", violations };
}

/** How a reference is named in messages: its image and tag (`ghcr.io/acme/api:1.4.2`), without the digest. */
export function describeReference(ref: ImageReference): string {
  const image = ref.image ?? "the image";
  return ref.tag === null ? image : `${image}:${ref.tag}`;
}

/**
 * The frame of the container rules (require-resource-limits,
 * no-privileged): every container of every object with a pod spec, checked
 * one by one.
 */
import { type Container, type ContainerList, containersOf } from "./containers.js";
import type { Manifest } from "./manifests.js";
import type { RuleOutcome } from "./policy-report.js";

/** What is wrong with one container, and the line to report it at. */
export interface ContainerProblem {
  line: number;
  message: string;
}

/**
 * Checks the containers in `lists` of every object with `problem`, which
 * returns null when a container passes.
 */
export function checkContainers(
  manifests: readonly Manifest[],
  lists: readonly ContainerList[],
  description: string,
  problem: (container: Container) => ContainerProblem | null,
): RuleOutcome {
  const containers = manifests.flatMap(containersOf).filter((container) => lists.includes(container.list));
  const violations = containers.flatMap((container) => {
    const found = problem(container);
    return found === null ? [] : [{ ...found, file: container.manifest.file, object: container.manifest.label }];
  });
  return { description, checked: containers.length, checkedUnit: "container", violations };
}

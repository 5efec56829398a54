/**
 * The containers of a Kubernetes object, for the container rules
 * (require-resource-limits, no-privileged): every container of its pod spec,
 * wherever the kind keeps it.
 */
import { isMap, isSeq, type YAMLMap } from "yaml";
import { fieldOf, lineOfNode, type Manifest, resolveAlias } from "./manifests.js";

/** The lists of a pod spec that hold containers. */
export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

const CONTAINER_LISTS: readonly ContainerList[] = ["initContainers", "containers", "ephemeralContainers"];

/**
 * Where pod specs live: a Pod's `spec`, a PodTemplate's `template.spec`, the
 * pod template of a workload (`spec.template.spec`: Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, ReplicationController, and any other kind with
 * that shape, such as an Argo Rollout), and a CronJob's
 * `spec.jobTemplate.spec.template.spec`.
 */
function podSpecPaths(kind: string): string[][] {
  if (kind === "Pod") return [["spec"]];
  if (kind === "PodTemplate") return [["template", "spec"]];
  return [
    ["spec", "template", "spec"],
    ["spec", "jobTemplate", "spec", "template", "spec"],
  ];
}

/** One container of an object. */
export interface Container {
  manifest: Manifest;
  list: ContainerList;
  /** The container's `name`, or null when it has none. */
  name: string | null;
  /** The container's YAML mapping. */
  node: YAMLMap;
  /** 1-based line where the container's entry starts. */
  line: number;
}

/** Every container of `manifest`'s pod spec: init containers, then containers, then ephemeral containers, each in file order. */
export function containersOf(manifest: Manifest): Container[] {
  const containers: Container[] = [];
  for (const path of podSpecPaths(manifest.kind)) {
    const podSpec = fieldOf(manifest.document, manifest.node, ...path);
    if (!isMap(podSpec)) continue;
    for (const list of CONTAINER_LISTS) {
      const entries = fieldOf(manifest.document, podSpec, list);
      if (!isSeq(entries)) continue;
      for (const entry of entries.items) {
        const node = resolveAlias(manifest.document, entry);
        if (!isMap(node)) continue;
        const name = node.get("name");
        containers.push({ manifest, list, name: typeof name === "string" ? name : null, node, line: lineOfNode(manifest, node) });
      }
    }
  }
  return containers;
}

/** How a container is named in messages: `container "api"`, `init container "migrate"`, `ephemeral container "debug"`. */
export function describeContainer(container: Container): string {
  const what = { containers: "container", initContainers: "init container", ephemeralContainers: "ephemeral container" }[container.list];
  return container.name === null ? `unnamed ${what}` : `${what} "${container.name}"`;
}

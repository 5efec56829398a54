/**
 * Checking the config of a generator, transformer or validator (a
 * kustomization's `generators`, `transformers`, `validators`), inline or in
 * a file: kustomize's built-in ones read files named in `path`, `paths`,
 * `files`, `envs` and `env`, which must be paths inside the repository, and
 * `HelmChartInflationGenerator` inflates a Helm chart, which is refused.
 */
import type { RenderRefusal } from "../engine/review/review.js";
import { checkedEntry, type Place, refusalAt } from "./kustomization-entry.js";
import { entriesIn, fieldValues, type Mapping, nestedMappings } from "./kustomization-yaml.js";

/** The keys, at any depth of a config, whose values kustomize's built-in plugins read as files. */
const FILE_KEYS = ["path", "paths", "files", "envs", "env"];

const HELM_KIND = "helmchartinflationgenerator";

/** The refusal of the first problem in the configs `mappings`, read at `at`; null when there is none. */
export function pluginConfigRefusal(at: Place, mappings: readonly Mapping[]): RenderRefusal | null {
  for (const mapping of mappings.flatMap(nestedMappings)) {
    for (const kind of fieldValues(mapping, "kind").flatMap((value) => entriesIn(mapping, value))) {
      if (kind.value.trim().toLowerCase() === HELM_KIND) return refusalAt(at, "`kind: HelmChartInflationGenerator` inflates a Helm chart");
    }
    for (const key of FILE_KEYS) {
      for (const entry of fieldValues(mapping, key).flatMap((value) => entriesIn(mapping, value))) {
        const file = key === "files" ? { ...entry, value: entry.value.slice(entry.value.indexOf("=") + 1) } : entry;
        const checked = checkedEntry(at, key, file);
        if ("refusal" in checked) return checked.refusal;
      }
    }
  }
  return null;
}

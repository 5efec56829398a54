/** Merging a config over the base it extends (`_extends`), as Probot does. */
import { isMapping } from "./mapping.js";

/**
 * `own` over `base`: mappings merged key by key, anything else (lists too)
 * taken from `own`; a key only in `base` keeps its value there.
 */
export function deepMerge(base: unknown, own: unknown): unknown {
  if (!isMapping(base) || !isMapping(own)) return own;
  const keys = [...new Set([...Object.keys(base), ...Object.keys(own)])];
  return Object.fromEntries(keys.map((key) => [key, Object.hasOwn(own, key) ? deepMerge(base[key], own[key]) : base[key]]));
}

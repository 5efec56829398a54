/** A YAML mapping as plain data: an object that is not a list. */
export type Mapping = Record<string, unknown>;

/** True when `value` is a mapping (not null, not a list, not a scalar). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_FILE, configJsonSchema, configJsonSchemaText } from "../../src/engine/config/json-schema.js";

/** Paths of properties (in the JSON Schema) that carry no description. */
function undescribed(schema: unknown, path: string): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const missing: string[] = [];
  const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    if (typeof child.description !== "string" || child.description === "") missing.push(`${path}.${key}`);
    missing.push(...undescribed(child, `${path}.${key}`));
  }
  for (const key of ["items", "additionalProperties"]) missing.push(...undescribed(node[key], `${path}.${key}`));
  for (const option of (node.anyOf as unknown[] | undefined) ?? []) missing.push(...undescribed(option, `${path}.anyOf`));
  return missing;
}

describe("JSON Schema of the config", () => {
  it(`is committed up to date in ${CONFIG_SCHEMA_FILE}`, () => {
    const committed = readFileSync(new URL(`../../${CONFIG_SCHEMA_FILE}`, import.meta.url), "utf8");
    expect(committed, `${CONFIG_SCHEMA_FILE} is stale: run npm run schema`).toBe(configJsonSchemaText());
  });

  it("describes every property, for editors", () => {
    expect(undescribed(configJsonSchema(), "")).toEqual([]);
  });

  it("describes the file as written: defaulted fields are optional", () => {
    const schema = configJsonSchema() as {
      $id: string;
      title: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.$id).toMatch(/promenade\.schema\.json$/);
    expect(schema.title).toBe("Promenade configuration (.github/promenade.yml)");
    expect(schema.required).toEqual(["environments"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.policies?.default).toEqual([]);
  });
});

/**
 * The JSON Schema of `.github/promenade.yml`, generated from the zod schema
 * for editors (YAML language server, JetBrains). It describes the file as
 * written, so fields with defaults are optional. Checks that JSON Schema
 * cannot express (cross-field rules, regex compilation, time zones) are left
 * to Promenade's own validation.
 */
import { z } from "zod";
import { configSchema } from "./schema.js";

/** Where the published schema lives; editors fetch it from here. */
export const CONFIG_SCHEMA_ID = "https://raw.githubusercontent.com/acme/promenade/main/docs/promenade.schema.json";

/** Where the generated schema is committed, relative to the repository root. */
export const CONFIG_SCHEMA_FILE = "docs/promenade.schema.json";

/** The JSON Schema (draft 2020-12) of the config file. */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
  return { $schema, $id: CONFIG_SCHEMA_ID, title: "Promenade configuration (.github/promenade.yml)", ...rest };
}

/** The schema as committed in docs/promenade.schema.json: two-space JSON with a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

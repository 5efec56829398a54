/**
 * Writes docs/promenade.schema.json from the zod schema of the config
 * (`npm run schema`). A test fails when the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from "../src/engine/config/json-schema.js";

const target = fileURLToPath(new URL(`../${CONFIG_SCHEMA_FILE}`, import.meta.url));
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);

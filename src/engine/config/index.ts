/** The config engine: schema, parsing and validation of `.github/promenade.yml`, and questions about its environments. */
export { CONFIG_PATH, parseConfig, readConfigYaml } from "./parse-config.js";
export { validateConfig } from "./validate-config.js";
export {
  BUILTIN_POLICIES,
  PERMISSIONS,
  SEVERITIES,
  configSchema,
  type BuiltinPolicy,
  type BuiltinPolicyName,
  type CelPolicy,
  type CommandSettings,
  type Config,
  type ConfigInput,
  type DeployWindow,
  type Environment,
  type ImagePolicy,
  type Permission,
  type PolicyRule,
  type PullRequestSettings,
  type Requirements,
  type Severity,
  type TagPolicy,
} from "./schema.js";
export { formatDuration, parseDuration } from "./duration.js";
export { isValidTimeZone, isWithinWindow, parseDays, parseHours } from "./window.js";
export { compilePattern } from "./pattern.js";
export { environmentForPath, nextEnvironments, rootEnvironments } from "./environment-graph.js";
export { configJsonSchema, configJsonSchemaText } from "./json-schema.js";

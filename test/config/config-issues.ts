/** Test helper: the problems parseConfig reports for a YAML text, as `path: message` lines. */
import { expect } from "vitest";
import { ConfigError } from "../../src/engine/errors.js";
import { parseConfig } from "../../src/engine/config/parse-config.js";

export function issuesOf(yaml: string): string[] {
  try {
    parseConfig(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.file).toBe(".github/promenade.yml");
    return configError.issues.map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`));
  }
  throw new Error("expected parseConfig to throw a ConfigError");
}

/** A valid three-environment config, with `extra` YAML appended at the top level. */
export function withEnvironments(extra: string): string {
  return `environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  production: { path: deploy/production, from: staging }
${extra}`;
}

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { ConfigError } from "../../src/engine/errors.js";

const TEXT = [
  "environments:", // 1
  "  dev:", // 2
  "    path: deploy/dev", // 3
  "  staging:", // 4
  "    from: qa", // 5
  "    requires:", // 6
  "      soak: 30 minutes", // 7
  "policies:", // 8
  "  - builtin: allowed-registries", // 9
  "",
].join("\n");

function issues(text: string): { path: string; line?: number }[] {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(({ path, line }) => ({ path, line }));
  }
  throw new Error("expected a ConfigError");
}

describe("config problems carry the line of their place in the file", () => {
  it("at the key itself, or at the nearest enclosing key when the key is missing", () => {
    expect(issues(TEXT)).toEqual([
      { path: "environments.staging.from", line: 5 },
      { path: "environments.staging.requires.soak", line: 7 },
      { path: "environments.staging.path", line: 4 },
      { path: "policies[0].registries", line: 9 },
    ]);
  });

  it("none for a problem of the whole file", () => {
    expect(issues("- a\n- b\n")).toEqual([{ path: "", line: undefined }]);
  });
});

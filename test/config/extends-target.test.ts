import { describe, expect, it } from "vitest";
import { EXTENDS_EXPECTED, extendsTarget, parseExtends } from "../../src/engine/config/extends-target.js";
import { issuesOf } from "./config-issues.js";

describe("parseExtends", () => {
  it.each([
    [".github", { owner: null, path: null }],
    ["acme/.github", { owner: "acme", path: null }],
    ["Acme/.GitHub", { owner: "Acme", path: null }],
    [".github:promenade/base.yml", { owner: null, path: "promenade/base.yml" }],
    ["acme/.github:.github/promenade.yml", { owner: "acme", path: ".github/promenade.yml" }],
  ])("reads %s", (value, expected) => {
    expect(parseExtends(value)).toEqual(expected);
  });

  it.each([
    ["another repository of the owner", "platform"],
    ["another repository of the owner, with a path", "platform:secrets.yml"],
    ["a repository of another owner", "acme/other-repo:secrets.yml"],
    ["a repository whose name only starts with .github", "acme/.github-private"],
    ["a path leaving the repository", ".github:../other/promenade.yml"],
    ["a path with .. inside", ".github:a/../../b.yml"],
    ["an absolute path", ".github:/etc/passwd"],
    ["an empty path", ".github:"],
    ["an empty segment", ".github:a//b.yml"],
    ["a path with a backslash", ".github:a\\b.yml"],
    ["a URL", "https://github.com/acme/.github"],
    ["a ref", "acme/.github@main"],
    ["nothing", ""],
  ])("refuses %s: %j", (_label, value) => {
    expect(parseExtends(value)).toBeNull();
  });
});

describe("extendsTarget", () => {
  it("names a path in the owner's .github repository, null for the config's own path", () => {
    expect(extendsTarget(".github", "acme")).toEqual({ path: null });
    expect(extendsTarget("ACME/.github:base.yml", "acme")).toEqual({ path: "base.yml" });
  });

  it("refuses another owner's .github, naming only the owner's", () => {
    expect(extendsTarget("other/.github", "acme")).toEqual({
      problem: "expected the .github repository of this repository's owner: .github or acme/.github; no other repository is read",
    });
  });

  it("refuses anything else with what is allowed, never quoting the value", () => {
    for (const value of ["acme/other-repo:s3cr3t.yml", ["a", "b"], 5, null]) {
      expect(extendsTarget(value, "acme")).toEqual({ problem: EXTENDS_EXPECTED });
    }
    expect(EXTENDS_EXPECTED).toBe(
      "expected the owner's .github repository: .github or <owner>/.github, optionally followed by :path/to/file.yml, a relative path inside it without ..; no other repository is read",
    );
  });
});

describe("_extends in the schema", () => {
  it("is a problem at _extends when it names another repository, also where no loader follows it", () => {
    expect(issuesOf("_extends: acme/other-repo:secrets.yml\nenvironments:\n  dev: { path: deploy/dev }\n")).toEqual([`_extends: ${EXTENDS_EXPECTED}`]);
    expect(issuesOf("_extends: [a]\nenvironments:\n  dev: { path: deploy/dev }\n")).toEqual([`_extends: ${EXTENDS_EXPECTED}, got a list`]);
  });
});

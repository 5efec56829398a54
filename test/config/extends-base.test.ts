import { describe, expect, it } from "vitest";
import { extendsRequest, mergeOverBase } from "../../src/engine/config/extends-base.js";
import { ConfigError } from "../../src/engine/errors.js";

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.issues.map((issue) => issue.path)).toEqual(["_extends"]);
      return error.issues.map((issue) => issue.message).join("; ");
    }
    throw error;
  }
  throw new Error("expected a problem at _extends");
}

describe("extendsRequest", () => {
  it("asks for nothing without _extends", () => {
    expect(extendsRequest({ environments: {} }, "acme")).toEqual({ kind: "none" });
    expect(extendsRequest(["not", "a", "mapping"], "acme")).toEqual({ kind: "none" });
  });

  it("asks for the base in the owner's .github repository, at the config's path unless one is named", () => {
    expect(extendsRequest({ _extends: ".github", environments: {} }, "acme")).toEqual({
      kind: "base",
      own: { environments: {} },
      repository: { owner: "acme", repo: ".github" },
      path: ".github/promenade.yml",
    });
    expect(extendsRequest({ _extends: "acme/.github:shared/promenade.yml" }, "acme")).toMatchObject({ kind: "base", path: "shared/promenade.yml" });
  });

  it("refuses any other repository before anything is read, without repeating the value", () => {
    const message = problem(() => extendsRequest({ _extends: "evil/secrets" }, "acme"));
    expect(message).not.toContain("evil");
    expect(problem(() => extendsRequest({ _extends: "other/.github" }, "acme"))).toContain("acme/.github");
  });
});

describe("mergeOverBase", () => {
  it("merges the own keys over the base's", () => {
    expect(
      mergeOverBase(
        { environments: { dev: { path: "deploy/dev" } } },
        "commands:\n  minimumPermission: admin\nenvironments:\n  dev:\n    autoMerge: true\n",
        "acme/.github",
      ),
    ).toEqual({
      commands: { minimumPermission: "admin" },
      environments: { dev: { path: "deploy/dev", autoMerge: true } },
    });
  });

  it("says when the base is absent, not YAML, or extends another", () => {
    expect(problem(() => mergeOverBase({}, null, "acme/.github"))).toContain("not in acme/.github");
    expect(problem(() => mergeOverBase({}, "a: [", "acme/.github"))).toContain("not valid YAML");
    expect(problem(() => mergeOverBase({}, "_extends: .github\n", "acme/.github"))).toContain("has _extends itself");
  });
});

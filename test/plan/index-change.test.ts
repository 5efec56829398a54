import { describe, expect, it } from "vitest";
import { indexChangeOfPush } from "../../src/engine/plan/index-change.js";

describe("indexChangeOfPush", () => {
  it("reads a repository again when its config or any YAML file changed", () => {
    expect(indexChangeOfPush("fleet", [".github/promenade.yml"])).toBe("repository");
    expect(indexChangeOfPush("fleet", ["src/main.go", "deploy/dev/values.YAML"])).toBe("repository");
    expect(indexChangeOfPush("fleet", ["deploy/dev/kustomization.yml"])).toBe("repository");
  });

  it("leaves the index alone for a push of no YAML", () => {
    expect(indexChangeOfPush("api", ["src/main.go", "README.md"])).toBe("none");
    expect(indexChangeOfPush("api", [])).toBe("none");
  });

  it("reads the repository again when the push does not list its files", () => {
    expect(indexChangeOfPush("api", null)).toBe("repository");
  });

  it("reads the whole installation again when the owner's shared base config changed, or may have", () => {
    expect(indexChangeOfPush(".github", [".github/promenade.yml"])).toBe("installation");
    expect(indexChangeOfPush(".github", null)).toBe("installation");
    expect(indexChangeOfPush(".github", ["profile/README.md"])).toBe("none");
    expect(indexChangeOfPush(".github", ["workflow-templates/ci.yml"])).toBe("repository");
  });
});

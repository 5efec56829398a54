import { describe, expect, it } from "vitest";
import { formatKeyPath } from "../../src/engine/config/key-path.js";
import { closestMatch } from "../../src/engine/config/suggest.js";

describe("formatKeyPath", () => {
  it("joins keys with dots and puts list positions in brackets", () => {
    expect(formatKeyPath(["environments", "production", "requires", "soak"])).toBe("environments.production.requires.soak");
    expect(formatKeyPath(["policies", 2, "cel"])).toBe("policies[2].cel");
    expect(formatKeyPath(["environments", "prod-eu", "requires", "windows", 0, "days"])).toBe("environments.prod-eu.requires.windows[0].days");
    expect(formatKeyPath([])).toBe("");
  });

  it("quotes keys that are not plain words", () => {
    expect(formatKeyPath(["environments", "prod.eu", "path"])).toBe('environments["prod.eu"].path');
    expect(formatKeyPath(["environments", "prod eu"])).toBe('environments["prod eu"]');
    expect(formatKeyPath(["environments", "1"])).toBe('environments["1"]');
  });
});

describe("closestMatch", () => {
  it("suggests a near miss and nothing for a far one", () => {
    expect(closestMatch("autoMege", ["path", "from", "autoMerge", "requires"])).toBe("autoMerge");
    expect(closestMatch("approval", ["approvals", "reviewers"])).toBe("approvals");
    expect(closestMatch("reqiures", ["requires", "from"])).toBe("requires");
    expect(closestMatch("prefix", ["minimumPermission"])).toBeUndefined();
  });
});

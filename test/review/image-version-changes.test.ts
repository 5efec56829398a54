import { describe, expect, it } from "vitest";
import { sameVersion } from "../../src/engine/plan/same-version.js";
import { imageVersionChanges } from "../../src/engine/review/image-version-changes.js";
import type { ChangedFile } from "../../src/engine/review/review.js";
import { config, kustomization } from "../plan/helpers.js";

const CONFIG = config("environments:\n  dev: { path: deploy/dev }\n");
const API = "ghcr.io/acme/api";
const WEB = "ghcr.io/acme/web";
const DIGEST_A = `sha256:${"a".repeat(64)}`;
const DIGEST_B = `sha256:${"b".repeat(64)}`;

/** deploy/dev/kustomization.yaml changing from `before` to `after` (image → version; null: no file). */
function kustomizationChange(before: Record<string, string> | null, after: Record<string, string> | null): ChangedFile {
  return {
    path: "deploy/dev/kustomization.yaml",
    before: before === null ? null : kustomization(before),
    after: after === null ? null : kustomization(after),
  };
}

describe("imageVersionChanges", () => {
  it("gives a tag change with its bump, an added image and a removed one, sorted by image", () => {
    const file = kustomizationChange({ [API]: "1.4.0", [WEB]: "2.0.0" }, { [API]: "1.5.0", "ghcr.io/acme/cache": "7.0.1" });
    expect(imageVersionChanges(CONFIG, [file])).toEqual([
      { image: API, from: { tag: "1.4.0", digest: null }, to: { tag: "1.5.0", digest: null }, bump: "minor" },
      { image: "ghcr.io/acme/cache", from: null, to: { tag: "7.0.1", digest: null }, bump: "added" },
      { image: WEB, from: { tag: "2.0.0", digest: null }, to: null, bump: "removed" },
    ]);
  });

  it("gives a change of the digest alone as other, and nothing for unchanged images", () => {
    const file = kustomizationChange({ [API]: `1.4.0@${DIGEST_A}`, [WEB]: "2.0.0" }, { [API]: `1.4.0@${DIGEST_B}`, [WEB]: "2.0.0" });
    expect(imageVersionChanges(CONFIG, [file])).toEqual([
      { image: API, from: { tag: "1.4.0", digest: DIGEST_A }, to: { tag: "1.4.0", digest: DIGEST_B }, bump: "other" },
    ]);
  });

  it("counts a file that does not parse on one side as naming nothing there", () => {
    const file: ChangedFile = { path: "deploy/dev/kustomization.yaml", before: "images: [unclosed\n", after: kustomization({ [API]: "1.4.0" }) };
    expect(imageVersionChanges(CONFIG, [file])).toEqual([{ image: API, from: null, to: { tag: "1.4.0", digest: null }, bump: "added" }]);
  });

  it("takes the newest version when two references of one image disagree", () => {
    const deployment = (tag: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ${API}:${tag}\n`;
    const files: ChangedFile[] = [
      kustomizationChange({ [API]: "1.4.0" }, { [API]: "1.4.0" }),
      { path: "deploy/dev/api.yaml", before: deployment("1.4.0"), after: deployment("1.6.2") },
    ];
    expect(imageVersionChanges(CONFIG, files)).toEqual([
      { image: API, from: { tag: "1.4.0", digest: null }, to: { tag: "1.6.2", digest: null }, bump: "minor" },
    ]);
  });
});

describe("sameVersion", () => {
  it("compares tag and digest", () => {
    expect(sameVersion({ tag: "1.0", digest: null }, { tag: "1.0", digest: null })).toBe(true);
    expect(sameVersion({ tag: "1.0", digest: DIGEST_A }, { tag: "1.0", digest: null })).toBe(false);
    expect(sameVersion({ tag: "1.0", digest: null }, { tag: "1.1", digest: null })).toBe(false);
  });
});

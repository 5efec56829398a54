import { describe, expect, it } from "vitest";
import { environmentVersions } from "../../src/engine/plan/environment-versions.js";
import { config, ref } from "./helpers.js";

const API = "ghcr.io/acme/api";
const WORKER = "ghcr.io/acme/worker";
const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const noImages = config("environments: { dev: { path: deploy/dev } }\n");

/** The versions of `refs` without the references themselves. */
function versions(refs: Parameters<typeof environmentVersions>[1], cfg = noImages) {
  return Object.fromEntries([...environmentVersions(cfg, refs)].map(([image, { tag, digest, consistent }]) => [image, { tag, digest, consistent }]));
}

describe("environmentVersions", () => {
  it("gives the version of each image and keeps its references", () => {
    const refs = [ref("a.yaml", API, "1.4.1", null, 3), ref("b.yaml", API, "1.4.1", null, 9), ref("a.yaml", WORKER, "main-1d8e07c")];
    const result = environmentVersions(noImages, refs);
    expect(result.get(API)).toEqual({ tag: "1.4.1", digest: null, refs: [refs[0], refs[1]], consistent: true });
    expect(result.get(WORKER)?.tag).toBe("main-1d8e07c");
  });

  it("leaves out references that do not name their image", () => {
    expect(versions([ref("a.yaml", null, "1.0.0")])).toEqual({});
  });

  it("takes the digest of references that pin it when others of the same tag do not", () => {
    expect(versions([ref("a.yaml", API, "1.4.1"), ref("b.yaml", API, "1.4.1", D1)])).toEqual({
      [API]: { tag: "1.4.1", digest: D1, consistent: true },
    });
  });

  it("takes the newest semantic version when references disagree, whatever their order", () => {
    const refs = [ref("a.yaml", API, "1.10.0"), ref("b.yaml", API, "1.9.3"), ref("c.yaml", API, "latest")];
    const expected = { [API]: { tag: "1.10.0", digest: null, consistent: false } };
    expect(versions(refs)).toEqual(expected);
    expect(versions([...refs].reverse())).toEqual(expected);
  });

  it("ranks tags without an order naturally, then by digest", () => {
    const build = config(`environments: { dev: { path: deploy/dev } }
images: [{ name: ${API}, tags: { allow: "^[0-9]+$" } }]
`);
    expect(versions([ref("a.yaml", API, "999"), ref("b.yaml", API, "1042")], build)[API]?.tag).toBe("1042");
    expect(versions([ref("a.yaml", API, "3.9"), ref("b.yaml", API, "3.12")])[API]?.tag).toBe("3.12");
    expect(versions([ref("a.yaml", API, "1.4.1", D2), ref("b.yaml", API, "1.4.1", D1)])).toEqual({
      [API]: { tag: "1.4.1", digest: D2, consistent: false },
    });
  });
});

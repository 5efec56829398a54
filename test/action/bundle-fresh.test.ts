/** The committed Action bundle is what `npm run bundle` makes of the sources today, byte for byte. */
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeActionBundle } from "../../scripts/bundle-action.js";
import { BUNDLE } from "./run-bundle.js";

describe("dist-action/index.mjs", () => {
  it("is fresh (else: run npm run bundle, and commit it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "promenade-bundle-"));
    try {
      const fresh = join(dir, "index.mjs");
      await writeActionBundle(fresh);
      const same = readFileSync(fresh).equals(readFileSync(BUNDLE));
      expect(same, "dist-action/index.mjs is stale: run npm run bundle").toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

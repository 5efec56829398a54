import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/engine/images/detectors.js";

describe("DETECTORS", () => {
  it("names each shape once", () => {
    const shapes = DETECTORS.flatMap((detector) => detector.shapes);
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});

import { describe, expect, it } from "vitest";
import { tickedBoxes } from "../../src/engine/dashboard/ticked-boxes.js";

const RENDERED = ["promote api to staging", "roll back api in production"];

const body = (staging: string, production: string, extra = "") =>
  `Intro${extra}\n\n## Actions\n\n- [${staging}] promote api to staging\n- [${production}] roll back api in production\n\n<!-- promenade: {} -->\n`;

describe("tickedBoxes", () => {
  it("is the box Promenade rendered that the edit turned from [ ] to [x]", () => {
    expect(tickedBoxes(RENDERED, body(" ", " "), body("x", " "))).toEqual(["promote api to staging"]);
    expect(tickedBoxes(RENDERED, body(" ", " "), body("X", "x"))).toEqual(RENDERED);
  });

  it("ignores a box already ticked before the edit, an untick, and any other change to the text", () => {
    expect(tickedBoxes(RENDERED, body("x", " "), body("x", " "))).toEqual([]);
    expect(tickedBoxes(RENDERED, body("x", " "), body(" ", " "))).toEqual([]);
    expect(tickedBoxes(RENDERED, body(" ", " "), body(" ", " ", " with a note"))).toEqual([]);
  });

  it("counts only a line with the same words as Promenade's: a box added by hand, or reworded, is not one", () => {
    const before = `${body(" ", " ")}- [ ] promote api to production\n`;
    const after = `${body(" ", " ")}- [x] promote api to production\n`;
    expect(tickedBoxes(RENDERED, before, after)).toEqual([]);
    expect(tickedBoxes(RENDERED, body(" ", " "), body(" ", " ").replace("- [ ] promote api to staging", "- [x] promote api to staging now"))).toEqual([]);
  });

  it("does not count a box ticked inside other text (a quote, an indented line)", () => {
    const after = body(" ", " ").replace("- [ ] promote api to staging", "> - [x] promote api to staging");
    expect(tickedBoxes(RENDERED, body(" ", " "), after)).toEqual([]);
  });
});

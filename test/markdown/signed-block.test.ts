import { describe, expect, it } from "vitest";
import { readSignedDataBlock, signedDataBlock } from "../../src/engine/markdown/signed-block.js";

const KEY = Buffer.from("key one");

describe("signed data blocks", () => {
  const block = signedDataBlock({ holds: [{ environment: "production", by: "alice" }] }, "acme/gitops", KEY);

  it("reads back what it signed, without the signature", () => {
    expect(readSignedDataBlock(`text\n\n${block}\n`, "acme/gitops", KEY)).toEqual({
      status: "valid",
      data: { holds: [{ environment: "production", by: "alice" }] },
    });
  });

  it.each([
    ["an edited value", block.replace("alice", "mallory")],
    ["another repository", block],
    ["no signature", block.replace(/,"sig":"[0-9a-f]+"/, "")],
    ["a signature of the wrong length", block.replace(/"sig":"([0-9a-f]+)"/, '"sig":"00"')],
    ["a block that is not an object", "<!-- promenade: [1,2] -->"],
  ])("calls %s forged", (name, text) => {
    const scope = name === "another repository" ? "acme/other" : "acme/gitops";
    expect(readSignedDataBlock(text, scope, KEY)).toEqual({ status: "forged" });
  });

  it("calls a block signed with another key forged", () => {
    expect(readSignedDataBlock(block, "acme/gitops", Buffer.from("key two"))).toEqual({ status: "forged" });
  });

  it("finds nothing in a text without a block", () => {
    expect(readSignedDataBlock("just words", "acme/gitops", KEY)).toEqual({ status: "missing" });
  });
});

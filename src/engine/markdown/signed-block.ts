/**
 * Hidden data blocks that only Promenade can have written: the block's JSON
 * carries `sig`, an HMAC-SHA256 of the rest of the block and of the
 * repository it was written in, keyed with the app's data-signing key. A
 * person can edit the text around it, or the block itself, but cannot make
 * a block that verifies.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { readDataBlock, writeDataBlock } from "./data-block.js";

/** What a signed block in a text turned out to be. */
export type SignedBlockReading =
  /** No block at all. */
  | { status: "missing" }
  /** A block Promenade wrote in this repository: `data` is the block without its signature. */
  | { status: "valid"; data: Record<string, unknown> }
  /** A block that is not Promenade's as written: edited, copied from elsewhere, or made by hand. */
  | { status: "forged" };

/** The signature of `json` (the block's JSON without `sig`) written in `scope` (e.g. `owner/repo`). */
function signature(json: string, scope: string, key: Uint8Array): string {
  return createHmac("sha256", key).update(scope).update("\n").update(json).digest("hex");
}

/** `data` as a hidden block signed for `scope` (the repository it is written in). */
export function signedDataBlock(data: Record<string, unknown>, scope: string, key: Uint8Array): string {
  return writeDataBlock({ ...data, sig: signature(JSON.stringify(data), scope, key) });
}

/** The last hidden block of `text`, checked against its signature for `scope`. Never throws. */
export function readSignedDataBlock(text: string, scope: string, key: Uint8Array): SignedBlockReading {
  const block = readDataBlock(text);
  if (block === undefined) return /<!--\s*promenade:/.test(text) ? { status: "forged" } : { status: "missing" };
  if (typeof block !== "object" || block === null || Array.isArray(block)) return { status: "forged" };
  const { sig, ...data } = block as Record<string, unknown>;
  if (typeof sig !== "string") return { status: "forged" };
  const expected = Buffer.from(signature(JSON.stringify(data), scope, key), "hex");
  const given = Buffer.from(sig, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { status: "valid", data } : { status: "forged" };
}

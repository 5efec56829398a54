import type { Version } from "./promotion.js";

/**
 * A total order on versions, for versions the image's own order does not
 * rank: tags in natural order (absent first), then digests (absent first).
 */
export function naturalOrder(a: Version, b: Version): number {
  return compareText(a.tag, b.tag, true) || compareText(a.digest, b.digest, false);
}

/**
 * How tag `a` relates to tag `b` by the numbers in them: negative when older,
 * positive when newer, null when that cannot be told. Two tags are ordered
 * when they have the same shape (equal once each run of digits is read as
 * one number: `3.0` and `2.0`, `build-1042` and `build-999`, `v2-rc1` and
 * `v2-rc3`), and their numbers, compared left to right, differ. Tags without
 * numbers, of different shapes (`2.0` and `2.0.1`, `1.0` and `1.0-rc1`), or
 * with letters and digits mixed inside one word (a commit SHA such as
 * `main-4f9c2ab`: hexadecimal, not a number) have no such order; a word may
 * only end in digits (`v2`, `rc1`, `build42`).
 */
export function numberOrder(a: string, b: string): number | null {
  const x = numbered(a);
  const y = numbered(b);
  if (x === null || y === null || x.shape !== y.shape) return null;
  for (const [i, n] of x.numbers.entries()) {
    const m = y.numbers[i] as bigint;
    if (n !== m) return n < m ? -1 : 1;
  }
  return null;
}

/** The shape of `tag` (each run of digits as `#`) and its numbers; null when it has none, or a word mixes letters and digits other than letters then digits. */
function numbered(tag: string): { shape: string; numbers: bigint[] } | null {
  if (!tag.split(/[^A-Za-z0-9]+/).every((word) => /^[A-Za-z]*[0-9]*$/.test(word))) return null;
  const numbers = tag.match(/[0-9]+/g);
  return numbers === null ? null : { shape: tag.replace(/[0-9]+/g, "#"), numbers: numbers.map((n) => BigInt(n)) };
}

function compareText(a: string | null, b: string | null, numeric: boolean): number {
  if (a === b) return 0;
  if (a === null || b === null) return a === null ? -1 : 1;
  const natural = numeric ? compareNatural(a, b) : 0;
  return natural !== 0 ? natural : a < b ? -1 : 1;
}

/** Compares runs of digits by their value and everything else by code unit: `1042` > `999`, `3.12` > `3.9`. */
function compareNatural(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const bx = BigInt(x);
      const by = BigInt(y);
      if (bx !== by) return bx < by ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

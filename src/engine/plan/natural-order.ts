import type { Version } from "./promotion.js";

/**
 * A total order on versions, for versions the image's own order does not
 * rank: tags in natural order (absent first), then digests (absent first).
 */
export function naturalOrder(a: Version, b: Version): number {
  return compareText(a.tag, b.tag, true) || compareText(a.digest, b.digest, false);
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

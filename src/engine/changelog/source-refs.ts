/**
 * Which refs of an image's `source` repository an image tag may name, in
 * the order they are tried, and which one a lookup resolved. A tag names the
 * git tag `<tag>` or (when it starts with a digit) `v<tag>`, or a commit whose abbreviated SHA is part of
 * it (`main-1a2b3c4`, `sha-1a2b3c4`, `1a2b3c4`).
 *
 * A part is read as a commit only when it is 7 to 40 hexadecimal characters
 * with at least one digit and at least one letter a–f, and it stands alone
 * (the whole tag, or between `-`, `_`, `.` and `+`):
 * - `1.2.3` is no commit (too short), nor `20240501` or `1234567` (all
 *   digits: a date or a build number), nor `deadbeef` or `cafebabe` (all
 *   letters: a word);
 * - a commit is tried only after the tag names, so a repository tag `1a2b3c4`
 *   wins over a commit `1a2b3c4…`;
 * - a commit SHA of only digits or only letters (about 4 in 100 short SHAs)
 *   is not recognised: the version is then said not to resolve.
 */

/** One ref to try: a git tag by name, or a commit by (abbreviated) SHA. */
export type RefCandidate = { kind: "tag"; name: string } | { kind: "commit"; sha: string };

/** A version resolved in the source repository: the ref that named it and the commit it points at. */
export interface ResolvedRef {
  /** The tag name (`v1.4.2`) or the abbreviated SHA (`1a2b3c4`) that resolved. */
  ref: string;
  /** The full commit SHA. */
  sha: string;
}

/** What a lookup of candidates found: tag name → commit SHA, abbreviated SHA (lower case) → full SHA; a candidate absent did not resolve. */
export interface RefAnswers {
  tags: ReadonlyMap<string, string>;
  commits: ReadonlyMap<string, string>;
}

/** At most this many commit parts of one tag are tried. */
const MAX_COMMIT_PARTS = 2;

/** The refs `tag` may name, in the order they are tried: `<tag>`, `v<tag>` (when it starts with a digit), then the commits it holds. */
export function refCandidates(tag: string): RefCandidate[] {
  const names = /^\d/.test(tag) ? [tag, `v${tag}`] : [tag];
  return [...names.map((name) => ({ kind: "tag" as const, name })), ...commitsInTag(tag).map((sha) => ({ kind: "commit" as const, sha }))];
}

/** The abbreviated commit SHAs `tag` holds, lower-cased, in order (see the file comment for what counts as one). */
export function commitsInTag(tag: string): string[] {
  const parts = tag.split(/[-_.+]/).filter((part) => /^[0-9a-f]{7,40}$/i.test(part) && /\d/.test(part) && /[a-f]/i.test(part));
  return [...new Set(parts.map((part) => part.toLowerCase()))].slice(0, MAX_COMMIT_PARTS);
}

/** The first of `candidates` the lookup resolved, or null when none did. */
export function resolvedRef(candidates: readonly RefCandidate[], answers: RefAnswers): ResolvedRef | null {
  for (const candidate of candidates) {
    const sha = candidate.kind === "tag" ? answers.tags.get(candidate.name) : answers.commits.get(candidate.sha);
    if (sha !== undefined) return { ref: candidate.kind === "tag" ? candidate.name : candidate.sha, sha };
  }
  return null;
}

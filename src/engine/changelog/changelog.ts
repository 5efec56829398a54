/**
 * What changed in an image's `source` repository between the version an
 * environment runs and the one a promotion brings: the commits between the
 * two refs (at most CHANGELOG_COMMITS, each with the pull request it came
 * from when its message names one) and the release notes of the releases
 * among them. Built from what the GitHub adapter read; pure.
 */
import type { Config } from "../config/schema.js";
import { imagePolicyFor } from "../plan/image-policy.js";
import type { Promotion } from "../plan/promotion.js";
import type { ResolvedRef } from "./source-refs.js";

/** At most this many commits are listed per image; the compare link shows the rest. */
export const CHANGELOG_COMMITS = 50;

/** At most this many releases are shown per image, the newest first. */
export const CHANGELOG_RELEASES = 5;

/** One commit as the compare answer gives it. */
export interface SourceCommit {
  sha: string;
  /** The whole commit message. */
  message: string;
  /** Its page on GitHub. */
  url: string;
}

/** How the new version's commit relates to the old one's, as GitHub's compare says. */
export type ComparisonStatus = "ahead" | "behind" | "diverged" | "identical";

/** GitHub's comparison of the old version's commit (base) with the new one's (head). */
export interface Comparison {
  status: ComparisonStatus;
  /** Commits in head and not in base. */
  aheadBy: number;
  /** Commits in base and not in head. */
  behindBy: number;
  /** The first commits in head and not in base, oldest first (a page of GitHub's answer). */
  commits: SourceCommit[];
}

/** A GitHub release of the source repository. */
export interface SourceRelease {
  tagName: string;
  /** Its title; null when it has none. */
  name: string | null;
  /** Its notes, as people wrote them (Markdown): shown inert. */
  body: string;
  url: string;
  /** The commit its tag points at; null when GitHub did not say. */
  commitSha: string | null;
  draft: boolean;
}

/** One commit as the PR body lists it. */
export interface ChangelogCommit {
  sha: string;
  /** The first line of its message (for a merge of a pull request, the pull request's title when the message gives it). */
  title: string;
  url: string;
  /** The pull request it came from, read from its message (`… (#123)`, `Merge pull request #123 from …`); null when none. */
  pullRequest: number | null;
}

/** Why a changelog could not be read: the repository is not found or not readable by the app (`denied`), or GitHub failed (`failed`). */
export type UnreadableReason = "denied" | "failed";

/** The changelog of one image, as the PR body shows it. */
export type SourceChangelog =
  /** The source repository could not be read. */
  | { status: "unreadable"; source: string; reason: UnreadableReason }
  /** The repository was read: each version resolved to a ref or not (null); with both, the commits and releases between them. */
  | {
      status: "read";
      source: string;
      from: { version: string; ref: ResolvedRef | null };
      to: { version: string; ref: ResolvedRef | null };
      /** Null unless both versions resolved. */
      between: ChangelogBetween | null;
    };

/** The commits and releases between two resolved versions. */
export interface ChangelogBetween {
  status: ComparisonStatus;
  /** How many commits the new version has that the old one lacks. */
  aheadBy: number;
  /** How many commits the old version has that the new one lacks. */
  behindBy: number;
  /** At most CHANGELOG_COMMITS, oldest first. */
  commits: ChangelogCommit[];
  /** At most CHANGELOG_RELEASES, the newest first. */
  releases: SourceRelease[];
}

/** A changelog to read: the image, its source repository and its old and new tags. */
export interface ChangelogRequest {
  image: string;
  /** `owner/repo`. */
  source: string;
  fromTag: string;
  toTag: string;
}

/** The images of `promotion` whose config names a `source` and whose tag changes, in the promotion's order. */
export function changelogRequests(config: Pick<Config, "images">, promotion: Pick<Promotion, "images">): ChangelogRequest[] {
  return promotion.images.flatMap((change) => {
    const source = imagePolicyFor(config, change.image)?.source;
    const fromTag = change.fromVersion?.tag ?? null;
    const toTag = change.toVersion.tag;
    if (source === undefined || fromTag === null || toTag === null || fromTag === toTag) return [];
    return [{ image: change.image, source, fromTag, toTag }];
  });
}

/**
 * The commits and releases between two resolved refs: the compare answer's
 * first CHANGELOG_COMMITS commits, and the releases (not drafts) whose tag
 * points at the new version's commit or at one of the commits the compare
 * answer lists (at most CHANGELOG_RELEASES, in the order given: GitHub lists
 * the newest first).
 */
export function changelogBetween(to: ResolvedRef, comparison: Comparison, releases: readonly SourceRelease[]): ChangelogBetween {
  const between = new Set([to.sha, ...comparison.commits.map((commit) => commit.sha)]);
  return {
    status: comparison.status,
    aheadBy: comparison.aheadBy,
    behindBy: comparison.behindBy,
    commits: comparison.commits.slice(0, CHANGELOG_COMMITS).map(changelogCommit),
    releases: releases.filter((release) => !release.draft && release.commitSha !== null && between.has(release.commitSha)).slice(0, CHANGELOG_RELEASES),
  };
}

/** A commit with its title and the pull request its message names. */
export function changelogCommit(commit: SourceCommit): ChangelogCommit {
  const lines = commit.message.split(/\r\n|\r|\n/);
  const first = (lines[0] ?? "").trim();
  const merge = /^Merge pull request #(\d{1,9}) from \S+/.exec(first);
  if (merge) {
    const title =
      lines
        .slice(1)
        .find((line) => line.trim() !== "")
        ?.trim() ?? first;
    return { sha: commit.sha, title, url: commit.url, pullRequest: Number(merge[1]) };
  }
  const squash = /\s*\(#(\d{1,9})\)$/.exec(first);
  if (squash) return { sha: commit.sha, title: first.slice(0, squash.index), url: commit.url, pullRequest: Number(squash[1]) };
  return { sha: commit.sha, title: first, url: commit.url, pullRequest: null };
}

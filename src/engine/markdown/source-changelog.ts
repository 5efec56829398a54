/**
 * The "what changed" part of a promotion PR body, per image whose config
 * names a `source` repository: a compare link between the two resolved
 * refs, the commits between them with the pull request each came from, and
 * the release notes of the releases among them; or, plainly, that a version
 * could not be resolved or the repository could not be read. Commit titles,
 * release names and notes are people's text: written inert (no mention, no
 * reference, no markup), each bounded, and the whole kept within a size.
 */
import type { ChangelogBetween, ChangelogCommit, SourceChangelog, SourceRelease } from "../changelog/changelog.js";
import { refCandidates, type ResolvedRef } from "../changelog/source-refs.js";
import { codeSpan, plainText, plural } from "./syntax.js";

/** A commit title is cut to this many characters. */
const TITLE_CHARACTERS = 200;

/** A release's notes are cut to this many lines and characters. */
const NOTES_LINES = 40;
const NOTES_CHARACTERS = 4000;

/** Room kept for the line saying how many commits are left out. */
const MORE_LINE_ROOM = 100;

/** Where the text is written: the GitHub web address (for compare and pull request links) and the most characters it may take. */
export interface ChangelogTextOptions {
  serverUrl: string;
  limit: number;
}

/** The changelog of `image` as Markdown, at most `options.limit` characters when the limit leaves room for its first line. */
export function changelogMarkdown(image: string, changelog: SourceChangelog, options: ChangelogTextOptions): string {
  const name = `**${codeSpan(image)}**`;
  const source = plainText(changelog.source);
  if (changelog.status === "unreadable") {
    return changelog.reason === "denied"
      ? `${name}: Promenade could not read ${source}: the repository does not exist or the app's installation cannot read it (it needs Contents: read on it), so no changes are listed.`
      : `${name}: Promenade could not read ${source} just now (GitHub failed), so no changes are listed; the next update of this PR tries again.`;
  }
  const { from, to, between } = changelog;
  if (from.ref === null || to.ref === null || between === null) {
    const missing = [from, to].filter((side) => side.ref === null).map((side) => unresolved(side.version, source));
    return `${name}: ${missing.join(" ")} So no changes are listed.`;
  }
  const compare = compareUrl(options.serverUrl, changelog.source, from.ref, to.ref);
  const header = `${name} in [${source} ${codeSpan(from.ref.ref)}...${codeSpan(to.ref.ref)}](${compare}): ${summary(between)}`;
  return bounded(header, between, changelog.source, options);
}

/** `url` safe inside a Markdown link target, or null when it is not an http(s) address. */
export function linkTarget(url: string): string | null {
  if (!/^https?:\/\/\S+$/.test(url)) return null;
  return url.replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The sentence for a version that resolved to no ref, naming what was tried. */
function unresolved(version: string, source: string): string {
  const candidates = refCandidates(version);
  const tags = candidates.flatMap((candidate) => (candidate.kind === "tag" ? [codeSpan(candidate.name)] : []));
  const commits = candidates.flatMap((candidate) => (candidate.kind === "commit" ? [codeSpan(candidate.sha)] : []));
  const tried = `no tag ${tags.join(" or ")}${commits.length > 0 ? ` and no commit ${commits.join(" or ")}` : ""}`;
  return `Promenade could not resolve ${codeSpan(version)} in ${source} (${tried}).`;
}

/** GitHub's compare page between the two refs. */
function compareUrl(serverUrl: string, source: string, from: ResolvedRef, to: ResolvedRef): string {
  const url = `${serverUrl.replace(/\/+$/, "")}/${source}/compare/${encodeURIComponent(from.ref)}...${encodeURIComponent(to.ref)}`;
  return linkTarget(url) ?? url;
}

/** How the new version relates to the old one, in words. */
function summary(between: ChangelogBetween): string {
  switch (between.status) {
    case "identical":
      return "both versions are the same commit.";
    case "behind":
      return `the new version is ${plural(between.behindBy, "commit")} behind the old one, so it brings no new commit.`;
    case "diverged":
      return `${plural(between.aheadBy, "commit")} (the versions diverged: the old one has ${plural(between.behindBy, "commit")} the new one lacks).`;
    case "ahead":
      return `${plural(between.aheadBy, "commit")}.`;
  }
}

/**
 * The header, then as many commit lines as fit in the limit (with how many
 * are left out), then each release's notes when they fit, else a link to
 * them.
 */
function bounded(header: string, between: ChangelogBetween, source: string, options: ChangelogTextOptions): string {
  const lines = [header];
  let size = header.length;
  const fits = (text: string, room = 0) => size + 1 + text.length + room <= options.limit;
  const add = (text: string) => {
    lines.push(text);
    size += 1 + text.length;
  };
  let shown = 0;
  for (const commit of between.commits) {
    const line = commitLine(commit, source, options.serverUrl);
    if (!fits(line, MORE_LINE_ROOM)) break;
    add(line);
    shown += 1;
  }
  const more = between.aheadBy - shown;
  if (more > 0 && between.status !== "behind" && between.status !== "identical") add(`- … and ${plural(more, "more commit")}: see the compare link.`);
  for (const release of between.releases) {
    const notes = `\n${releaseNotes(release)}`;
    if (fits(notes)) add(notes);
    else {
      const link = `\n${releaseTitle(release)}: left out to stay under GitHub's size limit.`;
      if (fits(link)) add(link);
    }
  }
  return lines.join("\n");
}

/** `- [`1a2b3c4`](url) Title (acme/api#123)`: the title inert and cut, the pull request linked. */
function commitLine(commit: ChangelogCommit, source: string, serverUrl: string): string {
  const short = codeSpan(commit.sha.slice(0, 7));
  const url = linkTarget(commit.url);
  const title = plainText(cut(commit.title, TITLE_CHARACTERS));
  const pull =
    commit.pullRequest === null
      ? ""
      : ` ([${plainText(`${source}#${commit.pullRequest}`)}](${linkTarget(`${serverUrl.replace(/\/+$/, "")}/${source}/pull/${commit.pullRequest}`) ?? ""}))`;
  return `- ${url === null ? short : `[${short}](${url})`} ${title}${pull}`;
}

/** `Release [`v1.4.2`: name](url)`: tag as code, name inert. */
function releaseTitle(release: SourceRelease): string {
  const text = `${codeSpan(release.tagName)}${release.name && release.name.trim() !== release.tagName ? `: ${plainText(cut(release.name.trim(), TITLE_CHARACTERS))}` : ""}`;
  const url = linkTarget(release.url);
  return `Release ${url === null ? text : `[${text}](${url})`}`;
}

/** The release's title, then its notes quoted, each line inert, cut to NOTES_LINES lines and NOTES_CHARACTERS characters. */
function releaseNotes(release: SourceRelease): string {
  const text = release.body.replace(/\r\n|\r/g, "\n").trim();
  if (text === "") return `${releaseTitle(release)} has no notes.`;
  let lines = cut(text, NOTES_CHARACTERS).split("\n");
  const cutShort = lines.length > NOTES_LINES || text.length > NOTES_CHARACTERS;
  lines = lines.slice(0, NOTES_LINES);
  const quoted = lines.map((line) => (line.trim() === "" ? ">" : `> ${plainText(line)}`));
  return [`${releaseTitle(release)}:`, ...quoted, ...(cutShort ? ["> … (cut: the release page has the rest)"] : [])].join("\n");
}

/** `text` cut to `max` characters (code points), with `…` when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

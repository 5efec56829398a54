/**
 * Whether an entry of a kustomization is a path inside the repository, as
 * rendering needs, or something kustomize would fetch (a URL, a git
 * repository) or read outside the repository's checkout.
 */
import path from "node:path";

/**
 * The forms kustomize (or the go-getter of older versions) takes for a
 * remote location: a scheme (`http://`, `https://`, `ssh://`, `file://`,
 * `git::`, `s3::`, `gh:`, `github.com:`), a user before a host
 * (`git@github.com:acme/repo`), GitHub's host without a scheme, or a query
 * (`?ref=v1.0.0`).
 */
const REMOTE_FORMS: readonly RegExp[] = [/^[a-z][a-z0-9+.-]*:/i, /^[^/]*@/, /^github\.com(\/|$)/i, /\?/];

/**
 * The repository-relative path that `entry`, named in a kustomization in
 * directory `dir` ("" for the repository root), stands for; or what is wrong
 * with it: a remote location, an absolute path, or a path that leads out of
 * the repository.
 */
export function localPath(dir: string, entry: string): { path: string } | { problem: string } {
  const trimmed = entry.trim();
  if (REMOTE_FORMS.some((form) => form.test(trimmed))) return { problem: "names a remote location" };
  if (trimmed.startsWith("/")) return { problem: "is an absolute path" };
  const joined = path.posix.join(dir, entry);
  if (joined === ".." || joined.startsWith("../")) return { problem: "leads outside the repository" };
  return { path: joined === "." ? "" : joined.replace(/\/$/, "") };
}

/** `promenade set-image`: rewrite every reference of an image to a new tag and/or digest. */
import { parseArgs } from "node:util";
import { UsageError } from "../engine/errors.js";
import { formatImage, parseImage, referenceTagProblem } from "../engine/images/image-name.js";
import type { ImageReference, ImageTarget } from "../engine/images/reference.js";
import { setImageLocal } from "../local/parallel-scan.js";
import { type CliIo, EXIT_FINDING, EXIT_OK } from "./io.js";
import { describeDir, HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION, scanDir, SCOPE_OPTIONS } from "./options.js";

export const SUMMARY = "rewrite every reference of an image to a new tag and/or digest";

export const HELP = `Usage: promenade set-image IMAGE[:TAG][@DIGEST] [--repo DIR] [--env ENV | --path PATH]

Rewrites every reference of IMAGE in the YAML files of a GitOps repository to
TAG and/or DIGEST, changing only the characters of the tag or digest
(comments, quoting, indentation and line endings stay as they are). Image
names match after Docker normalisation: nginx = docker.io/library/nginx.

Every YAML file is read, and every one that mentions IMAGE is parsed and
checked, before any is written: if one fails, nothing is written. Each file
is replaced atomically (a temporary file renamed over it).

Options:
  --repo DIR    the repository checkout (default: the current directory)
  --env ENV     only the directory of environment ENV (needs .github/promenade.yml)
  --path PATH   only the directory PATH, relative to the repository root
  -h, --help    show this help

Examples:
  promenade set-image ghcr.io/acme/api:1.4.2 --env staging
  promenade set-image nginx:1.27@sha256:<64 hex digits> --path deploy/dev

Exit codes: 0 done (also when every reference already had that version);
1 no reference of IMAGE found (nothing written); 2 bad usage, an invalid
.github/promenade.yml with --env, or a YAML file that cannot be read (the
reason names the file and line; nothing written).
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine("set-image", () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { ...REPO_OPTION, ...SCOPE_OPTIONS, ...HELP_OPTION } }),
  );
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const target = parseTarget(positionals);
  const repo = await openRepo(values.repo, io.cwd);
  const dir = await scanDir(repo, values);
  const { changes, matched } = await setImageLocal(repo, dir, target);
  const wanted = formatImage({ name: target.image, tag: target.tag, digest: target.digest });
  if (matched.length === 0) {
    io.stderr(`promenade: no reference of ${target.image} found in ${describeDir(dir)}; nothing written\n`);
    return EXIT_FINDING;
  }
  await repo.writeFiles(changes);
  for (const { file } of changes) io.stdout(`updated ${file} (${plural(countIn(matched, file), "reference")})\n`);
  io.stdout(summary(wanted, changes.length, matched));
  return EXIT_OK;
}

/** The one IMAGE[:TAG][@DIGEST] argument; UsageError when it is missing, extra, malformed or has neither tag nor digest. */
function parseTarget(positionals: string[]): ImageTarget {
  const [text, extra] = positionals;
  if (text === undefined) {
    throw new UsageError("set-image needs IMAGE:TAG, IMAGE@DIGEST or IMAGE:TAG@DIGEST, e.g. promenade set-image ghcr.io/acme/api:1.4.2");
  }
  if (extra !== undefined) throw new UsageError(`set-image takes one image, got also '${extra}'`);
  const tagProblem = referenceTagProblem(text);
  if (tagProblem !== null) throw new UsageError(`set-image: ${tagProblem}`);
  const parsed = parseImage(text);
  if (parsed === null) throw new UsageError(`'${text}' is not an image reference like ghcr.io/acme/api:1.4.2`);
  if (parsed.tag === null && parsed.digest === null) {
    throw new UsageError(`'${text}' has no tag or digest; write ${text}:TAG, ${text}@DIGEST or both`);
  }
  return { image: parsed.name, tag: parsed.tag, digest: parsed.digest };
}

function summary(wanted: string, changedFiles: number, matched: readonly ImageReference[]): string {
  const files = new Set(matched.map((r) => r.file)).size;
  if (changedFiles === 0) return `${wanted}: all ${plural(matched.length, "reference")} already up to date; nothing written\n`;
  const unchanged = files - changedFiles;
  return `${wanted}: ${plural(changedFiles, "file")} updated${unchanged > 0 ? `, ${plural(unchanged, "file")} already up to date` : ""}\n`;
}

function countIn(refs: readonly ImageReference[], file: string): number {
  return refs.filter((r) => r.file === file).length;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

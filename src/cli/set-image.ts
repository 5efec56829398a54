/** `promenade set-image`: rewrite every reference of an image to a new tag and/or digest. */
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { UsageError } from "../engine/errors.js";
import { droppedPinNote } from "../engine/images/dropped-pin.js";
import { formatImage, parseImage, referenceTagProblem } from "../engine/images/image-name.js";
import type { ImageReference, ImageTarget } from "../engine/images/reference.js";
import type { LocalRepo } from "../local/local-repo.js";
import { setImageLocal } from "../local/parallel-scan.js";
import { type CliIo, EXIT_FINDING, EXIT_OK } from "./io.js";
import { describeDir, hasConfigFile, HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION, scanDir, SCOPE_OPTIONS } from "./options.js";
import { printWarnings } from "./warnings.js";

export const SUMMARY = "rewrite every reference of an image to a new tag and/or digest";

export const HELP = `Usage: promenade set-image IMAGE[:TAG][@DIGEST] [--repo DIR] [--env ENV | --path PATH | --all]

Rewrites every reference of IMAGE in the YAML files of a GitOps repository to
TAG and/or DIGEST, changing only the characters of the tag or digest
(comments, quoting, indentation and line endings stay as they are). Image
names match after Docker normalisation: nginx = docker.io/library/nginx.

Each reference keeps its form. A DIGEST is written where a reference is
already pinned by digest; a tag-only reference stays tag-only (but with
--pin, or when IMAGE@DIGEST has no TAG). A TAG without a DIGEST drops the
pin of a pinned reference (left in place, it would keep running the old
image), and says so on stderr.

Every YAML file is read and parsed, and every one that mentions IMAGE is
checked, before any is written: if one fails, nothing is written. A file that
does not parse and does not mention IMAGE, or is a Go template, is left as it
is with a warning on stderr; files in a Helm chart's templates/ are not read.
Each file is replaced atomically (a temporary file renamed over it).

Options:
  --repo DIR    the repository checkout (default: the current directory)
  --env ENV     only the directory of environment ENV (needs .github/promenade.yml)
  --path PATH   only the directory PATH, relative to the repository root
  --all         the whole repository: every environment and shared directories
                such as base/ alike
  --pin         also write DIGEST into references that have none
  -h, --help    show this help

In a repository with ${CONFIG_PATH}, one of --env, --path and --all
is needed; without that file, the whole repository is the default.

Examples:
  promenade set-image ghcr.io/acme/api:1.4.2 --env staging
  promenade set-image nginx:1.27@sha256:<64 hex digits> --path deploy/dev
  promenade set-image ghcr.io/acme/api:1.4.2 --all

Exit codes: 0 done (also when every reference already had that version);
1 no reference of IMAGE found (nothing written); 2 bad usage (no --env,
--path or --all in a repository with ${CONFIG_PATH}), an invalid
${CONFIG_PATH} with --env, or a YAML file that cannot be read (the
reason names the file and line; nothing written).
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine("set-image", () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { ...REPO_OPTION, ...SCOPE_OPTIONS, all: { type: "boolean" }, pin: { type: "boolean" }, ...HELP_OPTION },
    }),
  );
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const target = { ...parseTarget(positionals), pinDigests: values.pin === true };
  if (target.pinDigests && target.digest === null) throw new UsageError("--pin needs a digest: IMAGE:TAG@DIGEST");
  const repo = await openRepo(values.repo, io.cwd);
  const dir = await editDir(repo, values);
  const { changes, matched, warnings, droppedPins } = await setImageLocal(repo, dir, target);
  printWarnings(io, warnings);
  for (const pin of droppedPins) io.stderr(`promenade: ${droppedPinNote(pin)}\n`);
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

/**
 * The directory to edit: that of `--env` or `--path`, or the whole repository
 * with `--all`. Without any of them, the whole repository only when it has no
 * config: with one, every environment at once is rarely what is meant.
 */
async function editDir(repo: LocalRepo, scope: { env?: string; path?: string; all?: boolean }): Promise<string> {
  const scoped = scope.env !== undefined || scope.path !== undefined;
  if (scope.all === true) {
    if (scoped) throw new UsageError("--all cannot be used with --env or --path");
    return "";
  }
  if (!scoped && (await hasConfigFile(repo))) {
    throw new UsageError(`set-image needs --env ENV, --path PATH or --all in a repository with ${CONFIG_PATH} (--all rewrites every environment at once)`);
  }
  return scanDir(repo, scope);
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

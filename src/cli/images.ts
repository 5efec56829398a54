/** `promenade images`: every image reference in the repository, as a table or JSON. */
import { parseArgs } from "node:util";
import type { ImageReference } from "../engine/images/reference.js";
import { scanLocalReferences } from "../local/parallel-scan.js";
import { type CliIo, EXIT_OK } from "./io.js";
import { describeDir, HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION, scanDir, SCOPE_OPTIONS } from "./options.js";
import { printWarnings } from "./warnings.js";

export const SUMMARY = "list every image reference: file, line, shape, image, tag, digest";

export const HELP = `Usage: promenade images [--repo DIR] [--env ENV | --path PATH] [--json]

Lists every image reference in the YAML files of a GitOps repository: the
file and line (of the tag or digest text), the shape of the reference, the
image (Docker-normalised), its tag and its digest.

Options:
  --repo DIR    the repository checkout (default: the current directory)
  --env ENV     only the directory of environment ENV (needs .github/promenade.yml)
  --path PATH   only the directory PATH, relative to the repository root
  --json        print a JSON array of {file, line, shape, image, tag, digest}
  -h, --help    show this help

Without --env or --path the whole repository is scanned (except .git/ and
node_modules/). Files in a Helm chart's templates/ (beside its Chart.yaml)
are Go templates, not YAML, and are not read. Any other file that does not
parse (a Go template, broken YAML) is left out with a warning on stderr.

Exit codes: 0 listed (also when there is none, or with warnings); 2 bad
usage, an invalid .github/promenade.yml with --env, or a YAML file that
cannot be read at all (too large, binary, not UTF-8; the reason names the
file and line).
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine("images", () =>
    parseArgs({ args, strict: true, options: { ...REPO_OPTION, ...SCOPE_OPTIONS, json: { type: "boolean" }, ...HELP_OPTION } }),
  );
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const repo = await openRepo(values.repo, io.cwd);
  const dir = await scanDir(repo, values);
  const { references: refs, warnings } = await scanLocalReferences(repo, dir);
  printWarnings(io, warnings);
  if (values.json) io.stdout(`${JSON.stringify(refs.map(toJson), null, 2)}\n`);
  else io.stdout(refs.length === 0 ? `no image references found in ${describeDir(dir)}\n` : formatTable(refs));
  return EXIT_OK;
}

/** Exactly the fields of the JSON output, in a fixed order. */
function toJson({ file, line, shape, image, tag, digest }: ImageReference): ImageReference {
  return { file, line, shape, image, tag, digest };
}

/** An aligned table with a header; absent values are `-`. */
export function formatTable(refs: readonly ImageReference[]): string {
  const rows = [
    ["FILE:LINE", "SHAPE", "IMAGE", "TAG", "DIGEST"],
    ...refs.map((r) => [`${r.file}:${r.line}`, r.shape, r.image ?? "-", r.tag ?? "-", r.digest ?? "-"]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}

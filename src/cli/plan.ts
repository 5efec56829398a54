/** `promenade plan`: the promotions the app would open, as their PR titles, bodies and diffs. */
import { parseArgs } from "node:util";
import { environmentDirectory, nextEnvironments, rootEnvironments } from "../engine/config/environment-graph.js";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { InputError, UsageError } from "../engine/errors.js";
import { parseImage, referenceTagProblem } from "../engine/images/image-name.js";
import { applyPromotion } from "../engine/plan/apply-promotion.js";
import { environmentReferences } from "../engine/plan/environment-references.js";
import { planEnvironmentChange } from "../engine/plan/plan-environment-change.js";
import { planImagePush } from "../engine/plan/plan-image-push.js";
import type { Plan, Promotion } from "../engine/plan/promotion.js";
import { promotionBodyMarkdown } from "../engine/markdown/promotion-body.js";
import { reviewCommentMarkdown } from "../engine/markdown/review-comment.js";
import { gateSectionMarkdown } from "../engine/markdown/gate.js";
import { previewGate } from "../engine/gate/gate-preview.js";
import { overlayReader } from "../engine/repo/overlay-reader.js";
import { distinctWarnings, type FileWarning } from "../engine/repo/skipped-files.js";
import { reviewEnvironment } from "../engine/review/review-environment.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import { diffRenderings, policySubject, type Renderer } from "../render-manifests/rendered-diff.js";
import { kustomizeSources } from "../engine/policy/index.js";
import type { LocalRepo } from "../local/local-repo.js";
import { type CliIo, EXIT_OK } from "./io.js";
import { HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION } from "./options.js";
import { printWarnings } from "./warnings.js";

export const SUMMARY = "show the promotion PRs the app would open: titles, bodies and diffs";

export const HELP = `Usage: promenade plan [--repo DIR] [--image IMAGE:TAG[@DIGEST] | --from ENV --to ENV]

Plans promotions on a local checkout, as the GitHub App would, and prints
each one: its branch, PR title, PR body, and the comment the app would post
on it: the diff of every file it changes (Secret values masked), the image
versions, what else differs from the source environment, the policy results
and, when kustomize or kubectl is on the PATH, the diff of the rendered
manifests (PROMENADE_RENDER=off skips it). Nothing is written.

Options:
  --repo DIR          the repository checkout (default: the current directory)
  --image IMAGE:TAG   a new image version was pushed: the promotions into the
                      root environments that reference the image and admit it
  --from ENV --to ENV the promotion of ENV's versions into the next
                      environment ENV (whose 'from' is the first ENV)
  -h, --help          show this help

Without --image or --from/--to, every environment with a 'from' is compared
with its source: all the promotions that are due.

Then one line per promotion not made, with why: "skipped: IMAGE to ENV:
REASON" (an older version than ENV runs, the same one, a version the
config's versions or tags refuse, an image ENV or its source does not
reference). Promenade never proposes an older version by itself; where it
cannot tell older from newer, the PR body says so.

A YAML file of the environment that does not parse (or is a Go template) is
a warning on stderr and left out, unless it may hold an image the promotion
changes: that is an error. Files in a Helm chart's templates/ are not read.

Exit codes: 0 planned (also when nothing is due, or with warnings); 2 bad
usage, no or an invalid ${CONFIG_PATH}, or a YAML file that cannot be read.
`;

const OPTIONS = { ...REPO_OPTION, image: { type: "string" }, from: { type: "string" }, to: { type: "string" }, ...HELP_OPTION } as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine("plan", () => parseArgs({ args, strict: true, options: OPTIONS }));
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const repo = await openRepo(values.repo, io.cwd);
  const config = await repo.readConfig();
  if (config === undefined) throw new InputError(CONFIG_PATH, "not found: plan needs the environments it defines (is --repo the repository's root?)");
  const { promotions, skipped } = await planFor(repo, config, values);
  const skippedText = skipped.map((entry) => `skipped: ${entry.image} to ${entry.environment}: ${entry.message}\n`).join("");
  if (promotions.length === 0) {
    io.stdout(`nothing to promote\n${skippedText}`);
    return EXIT_OK;
  }
  const render = kustomizeRenderer();
  const warnings: FileWarning[] = [];
  for (const [i, promotion] of promotions.entries()) {
    const described = await describe(repo, config, promotion, render);
    io.stdout(`${i === 0 ? "" : "\n"}${described.text}`);
    warnings.push(...described.warnings);
  }
  if (skippedText !== "") io.stdout(`\n${skippedText}`);
  printWarnings(io, distinctWarnings(warnings));
  return EXIT_OK;
}

/** The promotions the options ask for, and those skipped. */
async function planFor(repo: LocalRepo, config: Config, options: { image?: string; from?: string; to?: string }): Promise<Plan> {
  if (options.image !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new UsageError("--image cannot be used with --from/--to");
    const tagProblem = referenceTagProblem(options.image);
    if (tagProblem !== null) throw new UsageError(`--image: ${tagProblem}`);
    const pushed = parseImage(options.image);
    if (pushed?.tag == null) throw new UsageError(`--image needs IMAGE:TAG[@DIGEST], like ghcr.io/acme/api:1.4.2; got '${options.image}'`);
    const refs = await environmentReferences(repo, config, rootEnvironments(config));
    return planImagePush(config, refs, { image: pushed.name, tag: pushed.tag, digest: pushed.digest });
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new UsageError("--from and --to go together");
  const sources = options.from === undefined ? sourceEnvironments(config) : [checkedHop(config, options.from, options.to as string)];
  const refs = await environmentReferences(repo, config);
  const plans = sources.map((source) => planEnvironmentChange(config, refs, source));
  const wanted = <T extends { environment: string }>(list: T[]) => (options.to === undefined ? list : list.filter((entry) => entry.environment === options.to));
  return { promotions: wanted(plans.flatMap((plan) => plan.promotions)), skipped: wanted(plans.flatMap((plan) => plan.skipped)) };
}

/** Every environment some other environment is promoted from, in config order. */
function sourceEnvironments(config: Config): string[] {
  return Object.keys(config.environments).filter((name) => nextEnvironments(config, name).length > 0);
}

/** `from`, after checking that `to` is promoted from it; UsageError naming the known environments otherwise. */
function checkedHop(config: Config, from: string, to: string): string {
  const known = Object.keys(config.environments);
  for (const name of [from, to]) {
    if (!known.includes(name)) throw new UsageError(`unknown environment '${name}' (known: ${known.join(", ")})`);
  }
  const source = config.environments[to]?.from;
  if (source !== from) throw new UsageError(`${to} is not promoted from ${from} (${source === undefined ? `${to} has no 'from'` : `its 'from' is ${source}`})`);
  return from;
}

/** Said above the gate a plan shows: it is the gate at the moment the PR would be opened. */
const GATE_PREVIEW_NOTE = "_The gate as the PR would meet it if opened now: no approval yet, the versions just reached the source environment._";

/** One promotion as the app would post it: branch, title, body, then its review comment (diffs, versions, policies); and the files it left unread. */
async function describe(repo: LocalRepo, config: Config, promotion: Promotion, render: Renderer): Promise<{ text: string; warnings: FileWarning[] }> {
  const { changes, warnings, droppedPins } = await applyPromotion(repo, config, promotion);
  const header = [
    `=== ${promotion.title}`,
    `branch: ${promotion.branch}`,
    "",
    promotionBodyMarkdown(promotion, { config, warnings, droppedPins }).trimEnd(),
    "",
  ];
  if (changes.length === 0) return { text: [...header, "(no file changes: the environment already runs these versions)\n"].join("\n"), warnings };
  const head = overlayReader(repo, new Map(changes.map(({ file, after }) => [file, after])));
  const dir = environmentDirectory(config, promotion.environment);
  const [before, after, sources] = await Promise.all([render(repo, dir), render(head, dir), kustomizeSources(head, dir)]);
  const review = await reviewEnvironment({
    config,
    environment: promotion.environment,
    files: changes.map(({ file, before, after }) => ({ path: file, before, after })),
    base: repo,
    head,
    rendered: diffRenderings(dir, before, after),
    judge: policySubject(after, sources),
  });
  const gate = previewGate(config, review, new Date());
  const gates = gate === null ? undefined : new Map([[promotion.environment, `${GATE_PREVIEW_NOTE}\n\n${gateSectionMarkdown(promotion.environment, gate)}`]]);
  return { text: [...header, `--- the comment on the PR ---`, "", reviewCommentMarkdown([review], { gates })].join("\n"), warnings };
}

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
import type { Promotion } from "../engine/plan/promotion.js";
import { renderPromotionBody } from "../engine/render/promotion-body.js";
import { renderReviewComment } from "../engine/render/review-comment.js";
import { overlayReader } from "../engine/repo/overlay-reader.js";
import { reviewEnvironment } from "../engine/review/review-environment.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import { renderedDiff, type Renderer } from "../render-manifests/rendered-diff.js";
import type { LocalRepo } from "../local/local-repo.js";
import { type CliIo, EXIT_OK } from "./io.js";
import { HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION } from "./options.js";

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

Exit codes: 0 planned (also when nothing is due); 2 bad usage, no or an
invalid ${CONFIG_PATH}, or a YAML file that cannot be read.
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
  const promotions = await planFor(repo, config, values);
  if (promotions.length === 0) {
    io.stdout("nothing to promote\n");
    return EXIT_OK;
  }
  const render = kustomizeRenderer();
  for (const [i, promotion] of promotions.entries()) io.stdout(`${i === 0 ? "" : "\n"}${await describe(repo, config, promotion, render)}`);
  return EXIT_OK;
}

/** The promotions the options ask for. */
async function planFor(repo: LocalRepo, config: Config, options: { image?: string; from?: string; to?: string }): Promise<Promotion[]> {
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
  const promotions = sources.flatMap((source) => planEnvironmentChange(config, refs, source));
  return options.to === undefined ? promotions : promotions.filter((p) => p.environment === options.to);
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

/** One promotion as the app would post it: branch, title, body, then its review comment (diffs, versions, policies). */
async function describe(repo: LocalRepo, config: Config, promotion: Promotion, render: Renderer): Promise<string> {
  const changes = await applyPromotion(repo, config, promotion);
  const header = [`=== ${promotion.title}`, `branch: ${promotion.branch}`, "", renderPromotionBody(promotion, { config }).trimEnd(), ""];
  if (changes.length === 0) return [...header, "(no file changes: the environment already runs these versions)\n"].join("\n");
  const head = overlayReader(repo, new Map(changes.map(({ file, after }) => [file, after])));
  const dir = environmentDirectory(config, promotion.environment);
  const review = await reviewEnvironment({
    config,
    environment: promotion.environment,
    files: changes.map(({ file, before, after }) => ({ path: file, before, after })),
    base: repo,
    head,
    rendered: await renderedDiff(render, repo, head, dir),
  });
  return [...header, `--- the comment on the PR ---`, "", renderReviewComment([review])].join("\n");
}

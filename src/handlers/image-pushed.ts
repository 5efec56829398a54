/**
 * Image pushed: `registry_package` / `package` published for a container
 * (from any repository of the installation, routed to those that take the
 * image), or `repository_dispatch` with event type `promenade-image` (in the
 * repository it was sent to), each read into an ImagePush.
 */
import type { Context } from "probot";
import { tagProblem } from "../engine/images/image-name.js";
import type { ImagePush } from "../engine/plan/promotion.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { promotePushedImage } from "../promote/promote-pushed-image.js";
import { DIGEST, dispatchedImage } from "./event-inputs.js";
import { logOutcomes } from "./log-outcomes.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { routePush } from "./routed-push.js";

/** What the two package events share about a package. */
interface PublishedPackage {
  name: string;
  namespace: string;
  package_type: string;
  package_version: { name: string; container_metadata?: { tag?: { name?: string } } | null } | null;
}

/** Registers the three triggers of an image push. */
export function registerImagePushed(app: HandlerApp): void {
  app.on("registry_package.published", (context) => onPackagePublished(app, context, context.payload.registry_package));
  app.on("package.published", (context) => onPackagePublished(app, context, context.payload.package));
  app.on("repository_dispatch", (context) => onRepositoryDispatch(app, context));
}

/** A container published from any repository of the installation goes to every repository of it that takes the image; none is written to because it published. */
async function onPackagePublished(app: HandlerApp, context: Context<"registry_package.published" | "package.published">, pkg: PublishedPackage): Promise<void> {
  const push = containerImagePush(pkg);
  const installationId = context.payload.installation?.id;
  if (push === null || installationId === undefined) return;
  const problem = tagProblem(push.tag);
  if (problem !== null) {
    context.log.warn(`Ignoring the published package: ${problem}`);
    return;
  }
  await routePush(app, { routedBy: context.id, installationId, octokit: context.octokit, log: context.log, source: "package" }, push);
}

async function onRepositoryDispatch(app: HandlerApp, context: Context<"repository_dispatch">): Promise<void> {
  const dispatched = dispatchedImage(context.payload);
  if (dispatched === null) return;
  if ("ignored" in dispatched) {
    context.log.warn(dispatched.ignored);
    return;
  }
  await promote(app, context, dispatched.push);
}

/**
 * The pushed `ghcr.io/<namespace>/<name>:<tag>` of a published container
 * package, the digest taken from the version name; null for other package
 * types and untagged versions.
 */
function containerImagePush(pkg: PublishedPackage): ImagePush | null {
  const version = pkg.package_version;
  const tag = version?.container_metadata?.tag?.name;
  if (pkg.package_type.toLowerCase() !== "container" || !version || !tag) return null;
  return { image: `ghcr.io/${pkg.namespace}/${pkg.name}`.toLowerCase(), tag, digest: DIGEST.test(version.name) ? version.name : null };
}

async function promote(app: HandlerApp, context: Context<"repository_dispatch">, push: ImagePush): Promise<void> {
  // The dispatch was sent to this repository for Promenade: its default branch's archive is downloaded beside the first read.
  const github = createOctokitGitHub(context.octokit, app);
  logOutcomes(context.log, await promotePushedImage(github, context.repo(), push, context.payload.repository.default_branch));
}

/**
 * Pushed images routed between repositories: a push is sent on, as one of the
 * app's own deliveries, to each repository of the installation that takes the
 * image, and promoted there in that repository's turn; a registry webhook's
 * pushes are routed in every installation of the app.
 */
import type { ImagePush } from "../engine/plan/promotion.js";
import { listInstallations } from "../github/installations.js";
import type { Octokit } from "../github/octokit.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { routeImagePush } from "../promote/image-routing/route-image-push.js";
import { promotePushedImage } from "../promote/promote-pushed-image.js";
import type { HandlerApp, OwnDelivery } from "../service/dispatcher.js";
import { REGISTRY_PUSH, ROUTED_PUSH, routedPushDelivery, type RegistryPushPayload, type RoutedPushPayload } from "../service/own-deliveries.js";
import { logOutcomes } from "./log-outcomes.js";

/** Who routes a push: the delivery that announced it, in which installation, with that installation's Octokit. */
export interface Router {
  routedBy: string;
  installationId: number;
  octokit: Octokit;
  log: OwnDelivery["log"];
  /** `package`, or the registry provider. */
  source: string;
}

/** How long this replica reuses the list of the app's installations for registry webhooks (an installation created or deleted forgets it at once). */
const INSTALLATIONS_TTL_MS = 5 * 60_000;

/** The app's installations, listed at most once per INSTALLATIONS_TTL_MS: a registry webhook then costs no call to know where to route. */
class KnownInstallations {
  private listed: { ids: Promise<number[]>; until: number } | undefined;

  ids(delivery: OwnDelivery): Promise<number[]> {
    if (this.listed === undefined || this.listed.until <= Date.now()) {
      const ids = delivery.octokit().then(listInstallations);
      ids.catch(() => (this.listed = undefined));
      this.listed = { ids, until: Date.now() + INSTALLATIONS_TTL_MS };
    }
    return this.listed.ids;
  }

  forget(): void {
    this.listed = undefined;
  }
}

/** Registers the promotion of routed pushes and the routing of registry webhooks' pushes. */
export function registerRoutedPush(app: HandlerApp): void {
  const installations = new KnownInstallations();
  app.on(["installation.created", "installation.deleted", "installation.suspend", "installation.unsuspend"], () => {
    installations.forget();
    return Promise.resolve();
  });
  app.onOwn(ROUTED_PUSH, async (delivery) => {
    const { installation, repository, push } = delivery.payload as RoutedPushPayload;
    const github = createOctokitGitHub(await delivery.octokit(installation.id), app);
    logOutcomes(delivery.log, await promotePushedImage(github, { owner: repository.owner.login, repo: repository.name }, push));
  });
  app.onOwn(REGISTRY_PUSH, async (delivery) => {
    const { provider, pushes } = delivery.payload as RegistryPushPayload;
    for (const installationId of await installations.ids(delivery)) {
      const router = { routedBy: delivery.id, installationId, octokit: await delivery.octokit(installationId), log: delivery.log, source: provider };
      for (const push of pushes) await routePush(app, router, push);
    }
  });
}

/** Routes `push` within the router's installation, logging and counting where it went. */
export async function routePush(app: HandlerApp, router: Router, push: ImagePush): Promise<void> {
  const { routedBy, installationId, source } = router;
  const send = async (repo: Parameters<typeof routedPushDelivery>[2], routed: ImagePush) => {
    await app.enqueue(routedPushDelivery(routedBy, installationId, repo, routed, source));
  };
  const routed = await routeImagePush(createOctokitGitHub(router.octokit, app), app.index, installationId, push, send, source);
  const image = `${push.image}:${push.tag}`;
  if (routed.repositories.length === 0) {
    router.log.info(`${image} (${source}): no repository of installation ${installationId} takes it (read ${routed.read} to know)`);
    return;
  }
  const names = routed.repositories.map((repo) => `${repo.owner}/${repo.repo}`).join(", ");
  router.log.info(`${image} (${source}): sent to ${names} (read ${routed.read} repositories to know)`);
}

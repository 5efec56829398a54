/** Image pushed anywhere: sent on to every repository of an installation that takes the image. */
import type { ImagePush } from "../../engine/plan/promotion.js";
import type { RepoRef } from "../../github/github-client.js";
import { promotionEvents } from "../promotion-events.js";
import type { RepositoryIndexStore } from "./repository-index.js";
import { repositoriesForImage, type IndexReads } from "./repositories-for-image.js";

/** Sends `push` on to `repo`, where promotePushedImage takes it in that repository's turn. */
export type SendPush = (repo: RepoRef, push: ImagePush) => Promise<void>;

/** Where a push went, and how many repositories were read to know it. */
export interface RoutedPush {
  repositories: RepoRef[];
  read: number;
}

/**
 * Routes a pushed image, announced by `source` (`package`, or a registry
 * provider), within installation `installationId`. Steps:
 *
 * 1. Find the repositories whose root environments take the image (the index; read from GitHub only when missing or stale).
 * 2. Send the push to each of them.
 * 3. Report where it went (routed, or unreferenced).
 *
 * The repository the image was published from is written to only when it takes the image itself.
 */
export async function routeImagePush(
  github: IndexReads,
  index: RepositoryIndexStore,
  installationId: number,
  push: ImagePush,
  send: SendPush,
  source: string,
): Promise<RoutedPush> {
  const found = await repositoriesForImage(github, index, installationId, push.image);
  for (const repo of found.repositories) await send(repo, push);
  promotionEvents().onImageRoute(source, found.repositories.length > 0 ? "routed" : "unreferenced");
  return found;
}

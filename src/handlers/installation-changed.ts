/**
 * Keeping the repository index current: repositories added to an
 * installation are read at the next look-up, removed ones forgotten, and an
 * installation created, deleted, suspended or given new permissions is read
 * again from scratch. A push to a default branch that changes a config or
 * YAML files marks its repository (or, for the owner's `.github` base config,
 * the installation) to be read again.
 */
import { indexChangeOfPush } from "../engine/plan/index-change.js";
import { indexKey } from "../promote/image-routing/repository-index.js";
import type { HandlerApp } from "../service/dispatcher.js";

/** What a push handler tells the index: the repository pushed to and the files the push changed (null when not listed). */
export interface IndexedPush {
  installationId: number | undefined;
  owner: string;
  repo: string;
  files: readonly string[] | null;
}

/** Registers `installation` and `installation_repositories`. */
export function registerInstallationChanged(app: HandlerApp): void {
  app.on("installation_repositories", async (context) => {
    const id = context.payload.installation.id;
    const keys = (repositories: readonly { full_name?: string }[]) => repositories.flatMap((repository) => repository.full_name?.toLowerCase() ?? []);
    const removed = keys(context.payload.repositories_removed);
    const added = keys(context.payload.repositories_added);
    if (removed.length > 0) await app.index.remove(id, removed);
    if (added.length > 0) await app.index.markStale(id, added);
  });
  app.on(
    ["installation.created", "installation.deleted", "installation.suspend", "installation.unsuspend", "installation.new_permissions_accepted"],
    async (context) => {
      await app.index.drop(context.payload.installation.id);
    },
  );
}

/** Marks what a push to a default branch changed in the index. */
export async function markPushed(app: HandlerApp, push: IndexedPush): Promise<void> {
  if (push.installationId === undefined) return;
  const change = indexChangeOfPush(push.repo, push.files);
  if (change === "installation") await app.index.drop(push.installationId);
  else if (change === "repository") await app.index.markStale(push.installationId, [indexKey(push)]);
}

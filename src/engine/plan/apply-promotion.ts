import { normalizeRepoPath } from "../config/environment-path.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { overlayReader } from "../repo/overlay-reader.js";
import type { RepoReader } from "../repo/reader.js";
import { setImageInTree } from "../repo/scan.js";
import type { Promotion } from "./promotion.js";

/** One file a promotion changes: its text at the base and after the promotion. */
export interface PromotionFileChange {
  file: string;
  before: string;
  after: string;
}

/**
 * The file changes that make the promotion's environment run its images'
 * new versions: `setImageInTree` under the environment's path, image after
 * image, each seeing the edits of the ones before (a grouped promotion may
 * change one file twice). Reads through `reader` (the base, e.g. the head of
 * the default branch) and writes nothing. Sorted by file; empty when the
 * environment already runs every version. Throws UsageError for an
 * environment the config does not have, and what setImageInTree throws.
 */
export async function applyPromotion(reader: RepoReader, config: Config, promotion: Promotion): Promise<PromotionFileChange[]> {
  const environment = Object.hasOwn(config.environments, promotion.environment) ? config.environments[promotion.environment] : undefined;
  if (environment === undefined) throw new UsageError(`unknown environment '${promotion.environment}'`);
  const edited = new Map<string, string>();
  const current = overlayReader(reader, edited);
  for (const { image, toVersion } of promotion.images) {
    const { changes } = await setImageInTree(current, normalizeRepoPath(environment.path), { image, tag: toVersion.tag, digest: toVersion.digest });
    for (const { file, text } of changes) edited.set(file, text);
  }
  const files = [...edited.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: PromotionFileChange[] = [];
  for (const file of files) {
    const before = await reader.readFile(file);
    const after = edited.get(file) as string;
    if (after !== before) result.push({ file, before, after });
  }
  return result;
}

import { normalizeRepoPath } from "../config/environment-path.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { DroppedPin } from "../images/dropped-pin.js";
import { overlayReader } from "../repo/overlay-reader.js";
import type { RepoReader } from "../repo/reader.js";
import { setImageInTree } from "../repo/scan.js";
import { distinctWarnings, type FileWarning } from "../repo/skipped-files.js";
import type { Promotion } from "./promotion.js";

/** One file a promotion changes: its text at the base and after the promotion. */
export interface PromotionFileChange {
  file: string;
  before: string;
  after: string;
}

/** The file changes of a promotion, and the environment's files it left unread (they do not parse and cannot hold its images). */
export interface AppliedPromotion {
  changes: PromotionFileChange[];
  warnings: FileWarning[];
  /** References pinned by digest that lose their pin, as the new version has no digest (one per file and image). */
  droppedPins: DroppedPin[];
}

/**
 * The file changes that make the promotion's environment run its images'
 * new versions: `setImageInTree` under the environment's path, image after
 * image, each seeing the edits of the ones before (a grouped promotion may
 * change one file twice). Reads through `reader` (the base, e.g. the head of
 * the default branch) and writes nothing. A digest is written where a
 * reference is pinned by one, or everywhere with `pullRequests.pinDigests`.
 * Changes sorted by file; none when
 * the environment already runs every version. Throws UsageError for an
 * environment the config does not have, and what setImageInTree throws.
 */
export async function applyPromotion(reader: RepoReader, config: Config, promotion: Promotion): Promise<AppliedPromotion> {
  const environment = Object.hasOwn(config.environments, promotion.environment) ? config.environments[promotion.environment] : undefined;
  if (environment === undefined) throw new UsageError(`unknown environment '${promotion.environment}'`);
  const edited = new Map<string, string>();
  const current = overlayReader(reader, edited);
  const warnings: FileWarning[] = [];
  const droppedPins: DroppedPin[] = [];
  const { pinDigests } = config.pullRequests;
  for (const { image, toVersion } of promotion.images) {
    const tree = await setImageInTree(current, normalizeRepoPath(environment.path), { image, tag: toVersion.tag, digest: toVersion.digest, pinDigests });
    for (const { file, text } of tree.changes) edited.set(file, text);
    warnings.push(...tree.warnings);
    droppedPins.push(...tree.droppedPins);
  }
  const files = [...edited.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: PromotionFileChange[] = [];
  for (const file of files) {
    const before = await reader.readFile(file);
    const after = edited.get(file) as string;
    if (after !== before) result.push({ file, before, after });
  }
  return { changes: result, warnings: distinctWarnings(warnings), droppedPins };
}

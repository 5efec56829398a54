/** `/where [<image>]`: which version runs in which environment. */
import { environmentReferences } from "../../engine/plan/environment-references.js";
import { environmentVersions } from "../../engine/plan/environment-versions.js";
import type { Version } from "../../engine/plan/promotion.js";
import { resolveImage } from "../../engine/plan/resolve-name.js";
import { type CommandContext, type CommandResult, unresolved } from "./command-context.js";

/** The table of versions by environment (of `image` only, when named), the holds and the blocked versions. */
export async function whereCommand(context: CommandContext, image: string | null): Promise<CommandResult> {
  const { config, reader, holds } = context.at;
  const refs = await environmentReferences(reader, config);
  const versions = new Map<string, Map<string, Version>>();
  for (const [environment, environmentRefs] of refs) {
    versions.set(
      environment,
      new Map([...environmentVersions(config, environmentRefs)].map(([name, version]) => [name, { tag: version.tag, digest: version.digest }])),
    );
  }
  const held = holds.list(Object.keys(config.environments));
  const { blocks } = holds;
  if (image === null) return { kind: "where", versions, holds: held, blocks };
  const known = [...new Set([...versions.values()].flatMap((running) => [...running.keys()]))];
  const resolved = resolveImage(image, known);
  if (!resolved.ok) return unresolved(resolved);
  const only = new Map([...versions].map(([environment, running]) => [environment, new Map([...running].filter(([name]) => name === resolved.name))]));
  return { kind: "where", versions: only, holds: held, blocks };
}

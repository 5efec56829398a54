/**
 * The Probot app: registers one handler per trigger and nothing else.
 *
 * The promotion chain (image pushed → dev PR → staging PR → production PR)
 * is built on the engine in `src/engine/`; its webhook handlers are
 * registered here as they are added.
 */
import type { Probot } from "probot";

export default function promenade(app: Probot): void {
  app.log.info("Promenade loaded");
}

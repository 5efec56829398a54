/**
 * The Probot app: registers one handler per trigger and nothing else. Each
 * handler reads its event and calls one orchestrator in src/promote/.
 */
import type { Probot } from "probot";
import { registerImagePushed } from "./handlers/image-pushed.js";
import { registerPullRequest } from "./handlers/pull-request.js";
import { registerPush } from "./handlers/push.js";

export default function promenade(app: Probot): void {
  registerImagePushed(app);
  registerPush(app);
  registerPullRequest(app);
}

/** The timer key of a pull request an event is about: its installation, repository and number. */
import type { Context } from "probot";
import type { GateJob } from "../service/gate-timers.js";

/** The gate job of pull request `number` in the event's repository. */
export function gateJob(context: Context<"pull_request" | "pull_request_review" | "check_run" | "check_suite">, number: number): GateJob {
  const { installation } = context.payload as { installation?: { id: number } };
  return { installationId: installation?.id ?? 0, repo: context.repo(), number };
}

/**
 * Promenade as a GitHub Action: one workflow run handles one event of the
 * repository it runs in, with the orchestrators the app's handlers run.
 * Answers the process's exit code: 0 done, 1 an input missing or an
 * orchestrator failed.
 */
import { readFileSync } from "node:fs";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import { actionGitHub, actionOctokit } from "./client.js";
import { continueChain } from "./continue-chain.js";
import { ActionInputError, GITHUB_ACTIONS_SLUG, readInputs, type ActionInputs } from "./inputs.js";
import { actionLog } from "./log.js";
import { runEvent } from "./run-event.js";

/** Runs the event described by `env` (the runner's variables and the action's inputs), writing log lines with `write`. */
export async function runAction(env: NodeJS.ProcessEnv, write: (line: string) => void): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    actionLog(write).error(`Promenade cannot run: ${error.message}`);
    return 1;
  }
  const log = actionLog(write, [inputs.token, inputs.signingKey]);
  // What signs and verifies Promenade's data blocks across runs; reviews on this thread (a single-file bundle has no worker module).
  env.PROMENADE_SIGNING_KEY = inputs.signingKey;
  env.PROMENADE_REVIEW_WORKERS = "0";
  try {
    const payload = JSON.parse(readFileSync(inputs.eventPath, "utf8")) as { action?: string };
    const { github, writes } = actionGitHub(actionOctokit(inputs), inputs.appSlug);
    const run = { github, repo: inputs.repo, render: kustomizeRenderer(env), log, now: () => new Date() };
    log.info(
      `Promenade: ${inputs.eventName}${payload.action ? `.${payload.action}` : ""} in ${inputs.repo.owner}/${inputs.repo.repo} as ${inputs.appSlug}[bot]`,
    );
    const ok = await runEvent(run, inputs.eventName, payload);
    // Another token's writes start their own workflow runs; GITHUB_TOKEN's do not.
    if (inputs.appSlug === GITHUB_ACTIONS_SLUG) await continueChain(run, writes);
    return ok ? 0 : 1;
  } catch (error) {
    log.error(`Promenade failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * What the `promenade/gate` check run remembers between events, in its
 * `external_id`: who pushed to the pull request's branch. Only Promenade's
 * own run is read back (by app id), so nobody else can write it.
 */
import { z } from "zod";
import { GATE_CHECK_NAME } from "../engine/markdown/gate.js";
import { GitHubError } from "../github/errors.js";
import type { CheckRun, GitHubClient, RepoRef } from "../github/github-client.js";

/** A push to a pull request's branch: the head before it, and who pushed. */
export interface BranchPush {
  before: string;
  sender: string;
}

const recordSchema = z.object({ pushers: z.array(z.string()) });

/** Promenade's own `promenade/gate` run among `runs`, if any. */
export function ownGateRun(runs: readonly CheckRun[], appId: number): CheckRun | undefined {
  return runs.find((run) => run.name === GATE_CHECK_NAME && run.appId === appId);
}

/** The pushers recorded by Promenade's own gate run (none when there is no run or no record). */
export function recordedPushers(run: CheckRun | undefined): string[] {
  if (run?.externalId == null) return [];
  try {
    const parsed = recordSchema.safeParse(JSON.parse(run.externalId));
    return parsed.success ? parsed.data.pushers : [];
  } catch {
    return [];
  }
}

/** The record as the gate run's `external_id`. */
export function gateRecordId(pushers: readonly string[]): string {
  return JSON.stringify({ pushers: [...new Set(pushers)].sort() });
}

/**
 * Everyone who pushed to the branch up to `push`: those recorded on the head
 * before it, and its sender (one read; a head GitHub no longer has counts as
 * one without a record).
 */
export async function pushersAfter(github: Pick<GitHubClient, "listCheckRuns" | "ownApp">, repo: RepoRef, push: BranchPush): Promise<string[]> {
  const [own, runs] = await Promise.all([github.ownApp(), runsOrNone(github, repo, push.before)]);
  return [...recordedPushers(ownGateRun(runs, own.id)), push.sender];
}

async function runsOrNone(github: Pick<GitHubClient, "listCheckRuns">, repo: RepoRef, sha: string): Promise<CheckRun[]> {
  try {
    return await github.listCheckRuns(repo, sha);
  } catch (error) {
    if (error instanceof GitHubError && (error.status === 404 || error.status === 422)) return [];
    throw error;
  }
}

/**
 * No lost and no duplicated promotion when a process is killed
 * mid-work. Replica A opens a promotion against the fake GitHub of
 * test/helpers/fake-github.ts and dies between two of its writes: GitHub's
 * answer to one write never reaches it (GitHub applied the write, only its
 * first mutation, or none of it), and
 * its queue is closed without waiting, so its locks are no longer renewed.
 * Replica B, started afterwards, takes the delivery over once A's locks
 * expire and finishes the promotion.
 */
import { describe, expect, it } from "vitest";
import {
  FakeGitHub,
  GITOPS_FILES,
  imagePush,
  promoted,
  promotionOf,
  useReplicas,
  type Applied,
  type FakeCall,
  type HandlerRun,
} from "../helpers/fake-github.js";
import { hasRedisServer } from "../helpers/redis.js";

/** How long a replica's locks live unless renewed: a dead replica's delivery is taken over after about this long. */
const LOCK_MS = 800;

/** The one request that creates the branch and makes the commit on it (createRef, then createCommitOnBranch). */
const BRANCH_AND_COMMIT = "graphql createRef+createCommitOnBranch";

/** B's writes when it finds no branch, or the branch at main (its commit failed): the branch is committed to (its creation refused when it exists), and the PR opened and labelled. */
const DONE = [`${BRANCH_AND_COMMIT} 200`, "POST pulls 201", "POST issues/{n}/labels 200"];

/**
 * B's writes when it finds a branch with A's commit but no PR: the branch
 * exists and GitHub refuses the commit on it (it is not at main), so it is
 * reset onto main (a forced move), committed to, and the PR opened and labelled.
 */
const REDONE = [`${BRANCH_AND_COMMIT} 200`, "PATCH git/refs/{ref} 200", "graphql createCommitOnBranch 200", "POST pulls 201", "POST issues/{n}/labels 200"];

/** Where A dies: the request whose answer never reaches it, how much of it GitHub applied, and the writes B then makes. */
const KILLS: { when: string; route: string; applied: Applied; writesOfB: string[] }[] = [
  { when: "before GitHub created the branch", route: BRANCH_AND_COMMIT, applied: false, writesOfB: DONE },
  // GitHub ran the first mutation and its commit failed: the branch is left at main, with no commit.
  { when: "after GitHub created the branch, its commit failing, before A heard of it", route: BRANCH_AND_COMMIT, applied: "first mutation", writesOfB: DONE },
  { when: "after GitHub created the branch and made the commit, before A heard of it", route: BRANCH_AND_COMMIT, applied: true, writesOfB: REDONE },
  { when: "before GitHub opened the PR", route: "POST pulls", applied: false, writesOfB: REDONE },
  // The PR already proposes exactly this: B only adds the labels A never got to.
  { when: "after GitHub opened the PR, before A heard of it", route: "POST pulls", applied: true, writesOfB: ["POST issues/{n}/labels 200"] },
];

const isWrite = (call: FakeCall) =>
  call.method !== "GET" &&
  call.route !== "graphql defaultBranchRef" &&
  call.route !== "graphql promenadeIssuesByAuthor" &&
  !call.route.startsWith("POST /app/");

describe.skipIf(!hasRedisServer())("a replica killed mid-promotion", () => {
  const replicas = useReplicas();

  it.each(KILLS)("is completed by another replica when killed $when", async ({ route, applied, writesOfB }) => {
    const fake = new FakeGitHub({ files: GITOPS_FILES }).install();
    const runs: HandlerRun[] = [];
    const queue = { attempts: 3, backoffMs: 10, lockMs: LOCK_MS, prefix: replicas.prefix() };
    const push = imagePush("push-api-1.4.0", "api", "1.4.0");

    const a = await replicas.start("a", runs, queue);
    const held = fake.holdNext((request) => request.route === route, { applied });
    await a.probot.receive(push);
    await held;
    // A dies: GitHub's answer never reaches it, and its queue stops without waiting for the delivery, whose locks are no longer renewed.
    await a.queue.close({ timeoutMs: 0 });
    const killed = performance.now();
    const callsOfA = fake.calls.length;

    const b = await replicas.start("b", runs, queue);
    await b.queue.drain(15_000);
    const takenOverAfter = performance.now() - killed;

    expect(runs).toEqual([{ replica: "b", id: push.id, ok: true }]);
    expect(takenOverAfter).toBeGreaterThanOrEqual(LOCK_MS / 2);
    expect(await b.queue.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 1 });
    expect(
      fake.calls
        .slice(callsOfA)
        .filter(isWrite)
        .map((call) => `${call.route} ${call.status}`),
    ).toEqual(writesOfB);
    expect(fake.unexpected).toEqual([]);
    expect(fake.pulls).toHaveLength(1);
    expect(promotionOf(fake, "api")).toEqual(promoted("api", "1.4.0"));

    // A redelivery of it (GitHub's "Redeliver", or start-up's) is refused: nothing is done twice.
    await b.probot.receive(push);
    await b.queue.drain(5000);
    expect(runs).toHaveLength(1);
    expect(fake.pulls).toHaveLength(1);
  });
});

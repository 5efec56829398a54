import semver from "semver";
import { mulberry32 } from "../helpers/seeded-random.js";
/**
 * No lost and no duplicated promotion under duplicate
 * deliveries and failing GitHub calls. Two replicas of the whole app share one
 * redis-server and work against the fake GitHub of test/helpers/fake-github.ts,
 * which fails a share of the calls with 502 or a secondary rate limit.
 */
import { describe, expect, it } from "vitest";
import { FakeGitHub, GITOPS_FILES, imagePush, promoted, promotionOf, useReplicas, type FakeGitHubOptions, type HandlerRun } from "../helpers/fake-github.js";
import { hasRedisServer } from "../helpers/redis.js";

const SERVICES = ["api", "web", "worker", "billing", "search", "auth", "orders", "payments", "notify", "gateway"];
/** Newer tags of every service, which runs 1.0.0 in dev; some sort before others as text but after them as semver. */
const TAGS = [
  "1.0.1",
  "1.0.2",
  "1.0.3",
  "1.0.9",
  "1.0.10",
  "1.0.11",
  "1.1.0",
  "1.2.0",
  "1.2.3",
  "1.9.0",
  "1.10.0",
  "1.10.1",
  "1.11.0",
  "2.0.0",
  "2.0.1",
  "2.0.10",
];
/** Deliveries sent again (same delivery id) on top of the 160 pushes: 20% of the 200 sent. */
const DUPLICATES = 40;
/**
 * Share of GitHub calls that fail. A delivery makes about 10 calls and a
 * failed one is retried whole, so at this rate about 4 in 10 tries fail and
 * 10 attempts leave about one chance in 10,000 to lose a delivery. (At 20%
 * of calls, 9 tries in 10 fail and about 30% of the deliveries are lost after
 * 10 attempts.) A secondary rate limit says `retry-after: 1`, which the
 * queue does not honour today; once it does, each one holds the repository's
 * deliveries for a second (about 50 here).
 */
const FAULT_RATE = 0.2;
const ATTEMPTS = 30;

interface Push {
  id: string;
  service: string;
  tag: string;
}

/** Every service × tag once in a seeded random order, and DUPLICATES of them sent again somewhere after their first time. */
function deliveries(seed: number): Push[] {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const pushes = SERVICES.flatMap((service) => TAGS.map((tag) => ({ id: `push-${service}-${tag}`, service, tag })));
  for (let i = pushes.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [pushes[i], pushes[j]] = [pushes[j] as Push, pushes[i] as Push];
  }
  const sent = [...pushes];
  for (let d = 0; d < DUPLICATES; d++) {
    const original = pick(sent.length);
    sent.splice(original + 1 + pick(sent.length - original), 0, sent[original] as Push);
  }
  return sent;
}

describe.skipIf(!hasRedisServer())("fault tolerance of two replicas against a failing GitHub", () => {
  const replicas = useReplicas();
  const fakeGitHub = (options: Omit<FakeGitHubOptions, "files"> = {}) => new FakeGitHub({ files: GITOPS_FILES, ...options }).install();

  it("makes every promotion once from 200 deliveries with duplicates while GitHub calls fail", async () => {
    // retry-after 0: the queue honours it, and a second per secondary limit would make the test a minute longer.
    const fake = fakeGitHub({ faults: { rate: FAULT_RATE, seed: 2024, retryAfterSeconds: 0 } });
    const main = fake.branchSha("main");
    const runs: HandlerRun[] = [];
    const queue = { attempts: ATTEMPTS, backoffMs: 1, prefix: replicas.prefix() };
    const [a, b] = [await replicas.start("a", runs, queue), await replicas.start("b", runs, queue)];
    const sent = deliveries(42);
    expect(sent).toHaveLength(200);
    for (const [i, push] of sent.entries()) await (i % 2 === 0 ? a : b).probot.receive(imagePush(push.id, push.service, push.tag));
    await Promise.all([a.queue.drain(50_000), b.queue.drain(50_000)]);

    const firsts = sent.filter((push, i) => sent.indexOf(push) === i);
    expect(firsts).toHaveLength(200 - DUPLICATES);
    expect(await a.queue.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: firsts.length });
    expect(
      runs
        .filter((run) => run.ok)
        .map((run) => run.id)
        .sort(),
    ).toEqual(firsts.map((push) => push.id).sort());
    const failedTries = runs.filter((run) => !run.ok).length;
    expect(fake.faultsInjected["502"]).toBeGreaterThan(0);
    expect(fake.faultsInjected["secondary-rate-limit"]).toBeGreaterThan(0);
    expect(failedTries).toBeGreaterThan(0);
    expect(failedTries).toBeLessThanOrEqual(fake.faultsInjected["502"] + fake.faultsInjected["secondary-rate-limit"]);
    expect(new Set(runs.filter((run) => run.ok).map((run) => run.replica))).toEqual(new Set(["a", "b"]));

    expect(fake.unexpected).toEqual([]);
    expect(fake.branchSha("main")).toBe(main);
    expect(fake.pulls).toHaveLength(SERVICES.length);
    for (const service of SERVICES) {
      // The open PR proposes the highest version pushed, whatever the order the pushes arrived in (an older push never
      // replaces a newer one).
      const highest = firsts
        .filter((push) => push.service === service)
        .map((push) => push.tag)
        .sort(semver.compare)
        .at(-1) as string;
      expect(promotionOf(fake, service), service).toEqual(promoted(service, highest));
    }
  }, 60_000);

  describe("what the fake GitHub showed, fixed", () => {
    it("an older version pushed after a newer one does not replace it in the open PR", async () => {
      const fake = fakeGitHub();
      const replica = await replicas.start("a", [], { attempts: 1, prefix: replicas.prefix() });
      await replica.probot.receive(imagePush("newer", "api", "1.2.0"));
      await replica.probot.receive(imagePush("older", "api", "1.1.0"));
      await replica.queue.drain(10_000);
      expect(promotionOf(fake, "api")).toEqual(promoted("api", "1.2.0"));
    });

    it("a newer version updates the open PR, which GitHub keeps open", async () => {
      const fake = fakeGitHub();
      const replica = await replicas.start("a", [], { attempts: 1, prefix: replicas.prefix() });
      await replica.probot.receive(imagePush("first", "api", "1.1.0"));
      await replica.probot.receive(imagePush("second", "api", "1.2.0"));
      await replica.queue.drain(10_000);
      expect(promotionOf(fake, "api")).toEqual(promoted("api", "1.2.0"));
    });
  });
});

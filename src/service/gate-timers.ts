/**
 * The moments a gate may change by itself (a soak ends, a window opens or
 * closes): one timer per pull request, re-armed with the next moment after
 * each evaluation. Timers live in memory; on start-up the reconciliation
 * re-evaluates every open pull request and arms them again, so a restart
 * loses none (the moments are derived from GitHub's state, never stored).
 */
import type { RepoRef } from "../github/github-client.js";

/** A pull request whose gate to evaluate again, and the installation that may. */
export interface GateJob {
  installationId: number;
  repo: RepoRef;
  number: number;
}

/** Evaluates the gate of `job`'s pull request now; answers its next moment (null: none). */
export type GateRun = (job: GateJob) => Promise<Date | null>;

/** Where failures of a timed evaluation go. */
export interface TimerLog {
  warn(message: string): void;
}

/** The longest delay `setTimeout` takes (about 24.8 days); a later moment is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** How long after a failed timed evaluation it is tried again. */
const RETRY_MS = 60_000;

/** A little after the moment, so the evaluation sees it passed (timers may fire a few ms early). */
const SLACK_MS = 1_000;

export class GateTimers {
  private readonly timers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly run: GateRun,
    private readonly log: TimerLog,
  ) {}

  /** Arms (or re-arms, or with null cancels) the timer of `job`'s pull request for `at`. */
  schedule(job: GateJob, at: Date | null): void {
    const key = keyOf(job);
    const existing = this.timers.get(key);
    if (existing !== undefined) clearTimeout(existing.timer);
    this.timers.delete(key);
    if (at === null) return;
    const target = at.getTime() + SLACK_MS;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, target - Date.now()));
    const timer = setTimeout(() => void this.fire(job, target), delay);
    timer.unref?.();
    this.timers.set(key, { at: target, timer });
  }

  /** The moment armed for `job`'s pull request, if any. */
  scheduledAt(job: GateJob): Date | null {
    const entry = this.timers.get(keyOf(job));
    return entry === undefined ? null : new Date(entry.at - SLACK_MS);
  }

  /** Cancels every timer (on shutdown). */
  stop(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async fire(job: GateJob, target: number): Promise<void> {
    this.timers.delete(keyOf(job));
    if (Date.now() < target) {
      this.schedule(job, new Date(target - SLACK_MS));
      return;
    }
    try {
      this.schedule(job, await this.run(job));
    } catch (error) {
      this.log.warn(`re-evaluating the gate of ${keyOf(job)} failed, trying again in a minute: ${error instanceof Error ? error.message : String(error)}`);
      this.schedule(job, new Date(Date.now() + RETRY_MS));
    }
  }
}

function keyOf(job: GateJob): string {
  return `${job.repo.owner}/${job.repo.repo}#${job.number}`;
}

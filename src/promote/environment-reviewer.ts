/**
 * Where each environment's review runs. Reviewing is CPU-bound (diffs,
 * secret masking, YAML parsing, policies) and takes seconds on a large pull
 * request, so the app runs it on worker threads, never on the thread that
 * acknowledges webhooks and answers `/healthz`:
 * `PROMENADE_REVIEW_WORKERS` threads (default 1; 0 reviews on the main
 * thread, without a time limit), each review within
 * `PROMENADE_REVIEW_TIMEOUT` seconds (default 20), past which its thread is
 * replaced and the review says the change is too large to review here.
 */
import type { EnvironmentReview } from "../engine/review/review.js";
import { tooLargeReview } from "../engine/review/too-large-review.js";
import { siblingModule } from "../threads/start-worker.js";
import { TimeLimitError, WorkerPool, type WorkerPoolOptions } from "../threads/worker-pool.js";
import type { ReviewJob } from "./review-job.js";
import { runReviewJob } from "./run-review-job.js";

/** Reviews one environment from what was read for it. */
export type EnvironmentReviewer = (job: ReviewJob) => Promise<EnvironmentReview>;

/** The review threads by default, and the most allowed. */
const DEFAULT_WORKERS = 1;
const MAX_WORKERS = 8;
/** How long one environment's review may take by default, in seconds. */
const DEFAULT_TIMEOUT_SECONDS = 20;

/** Reviews on the calling thread. */
export const reviewInThread: EnvironmentReviewer = runReviewJob;

/** A pool of review threads (src/promote/review-worker.ts). */
export function reviewPool(options: WorkerPoolOptions): WorkerPool<ReviewJob, EnvironmentReview> {
  return new WorkerPool(siblingModule("review-worker", import.meta.url), options);
}

/** Reviews on `pool`'s threads; a review over the pool's time limit becomes tooLargeReview. */
export function reviewOnPool(pool: WorkerPool<ReviewJob, EnvironmentReview>): EnvironmentReviewer {
  return async (job) => {
    try {
      return await pool.run(job);
    } catch (error) {
      if (!(error instanceof TimeLimitError)) throw error;
      return tooLargeReview(job, error.timeoutMs / 1000);
    }
  };
}

let appWide: EnvironmentReviewer | undefined;

/** The app's reviewer, one per process (its threads start with the first review), configured by `env` the first time. */
export function appReviewer(env: NodeJS.ProcessEnv = process.env): EnvironmentReviewer {
  appWide ??= reviewerFrom(env);
  return appWide;
}

function reviewerFrom(env: NodeJS.ProcessEnv): EnvironmentReviewer {
  const workers = env.PROMENADE_REVIEW_WORKERS === undefined ? DEFAULT_WORKERS : Number(env.PROMENADE_REVIEW_WORKERS);
  const seconds = Number(env.PROMENADE_REVIEW_TIMEOUT);
  if (workers === 0) return reviewInThread;
  return reviewOnPool(
    reviewPool({
      size: Number.isInteger(workers) && workers > 0 ? Math.min(workers, MAX_WORKERS) : DEFAULT_WORKERS,
      timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
    }),
  );
}

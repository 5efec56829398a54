/** Running one environment's review on what the main thread read (a ReviewJob): in this thread, or in a review worker thread. */
import { readAheadReader } from "../engine/repo/read-ahead.js";
import { reviewEnvironment } from "../engine/review/review-environment.js";
import type { EnvironmentReview } from "../engine/review/review.js";
import { diffRenderings, policySubject } from "../render-manifests/rendered-diff.js";
import type { ReviewJob } from "./review-job.js";

/** The review of `job`'s environment: diffs, image versions, drift, policies (on the head's rendering when there is one) and the rendered diff. */
export function runReviewJob(job: ReviewJob): Promise<EnvironmentReview> {
  const { config, environment, files, rendered, sources } = job;
  const { after } = rendered;
  return reviewEnvironment({
    config,
    environment,
    files,
    base: readAheadReader(job.base),
    head: readAheadReader(job.head),
    rendered: diffRenderings(rendered.dir, rendered.before, after),
    judge: policySubject(after, sources),
  });
}

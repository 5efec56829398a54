/** Worker-thread entry point of the review pool (see environment-reviewer.ts): runs each ReviewJob posted to it. */
import { serveJobs } from "../threads/serve-jobs.js";
import { runReviewJob } from "./run-review-job.js";

serveJobs(runReviewJob);

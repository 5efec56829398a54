/** Errors of planning. */
import { PromenadeError } from "../errors.js";

/** The image references of an environment that planning needs were not given to it: a bug of the caller. */
export class MissingEnvironmentError extends PromenadeError {
  override name = "MissingEnvironmentError";
  constructor(readonly environment: string) {
    super(`the image references of environment '${environment}' are needed to plan, but were not given`);
  }
}

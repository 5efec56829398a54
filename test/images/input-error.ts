/** The InputError a function throws, for tests of what Promenade refuses to read. */
import { expect } from "vitest";
import { InputError } from "../../src/engine/errors.js";

/** The InputError `fn` throws (fails the test when it throws anything else, or nothing). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

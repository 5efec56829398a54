/**
 * Synchronous work with a time limit. The CEL library has no cost or step
 * limit of its own, and an expression's work grows with the objects it is
 * given (nested macros over long lists, values doubled over and over), so
 * evaluation runs under node:vm's `timeout`: V8 itself stops the work when
 * the time is up, inside a loop that never yields and inside code of the
 * app's own context alike, and no `catch` of the work can swallow that.
 * What the work did before it was stopped stays done.
 */
import { createContext, Script } from "node:vm";

/** The sandbox the script runs in: it only calls the work it is handed. */
const sandbox = createContext({ work: (): void => undefined });
const callWork = new Script("work()");

/** Runs `work` for at most `ms` milliseconds: true when it ran to its end, false when it was stopped. Errors of the work propagate. */
export function runWithin(ms: number, work: () => void): boolean {
  sandbox.work = work;
  try {
    callWork.runInContext(sandbox, { timeout: ms });
    return true;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return false;
    throw error;
  } finally {
    sandbox.work = () => undefined;
  }
}

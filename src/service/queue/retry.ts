/** Delay before the next try of a delivery whose try number `failedAttempts` (1-based) threw `error`: the error's `retryAfterMs` when it carries one, else `baseMs` doubled per failed try. */
export function retryDelayMs(failedAttempts: number, error: unknown, baseMs: number): number {
  const retryAfter = (error as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  if (typeof retryAfter === "number" && Number.isFinite(retryAfter) && retryAfter >= 0) return Math.round(retryAfter);
  return Math.round(baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** Rejects with a timeout error unless `promise` settles within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

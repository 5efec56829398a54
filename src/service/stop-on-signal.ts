/**
 * Stopping cleanly: on SIGTERM or SIGINT (a rolling update, `docker stop`,
 * Ctrl-C) the replica stops taking deliveries, lets the running ones finish
 * (the queue's close timeout), closes its connections and exits 0. A
 * delivery that arrives meanwhile is refused, so GitHub or the Redis queue
 * hands it to another replica or a later try.
 */
import type { Probot } from "probot";

type Closer = () => Promise<void>;

/** What each app instance of the process closes, in order (one in production). */
const instances: { log: Probot["log"]; closers: readonly Closer[] }[] = [];
let listening = false;
let stopping = false;

/** On the first SIGTERM or SIGINT, closes each of `closers` in order (after those of earlier app instances), then exits 0. */
export function stopOnSignal(app: Pick<Probot, "log">, closers: readonly Closer[]): void {
  instances.push({ log: app.log, closers });
  if (listening) return;
  listening = true;
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  void (async () => {
    for (const { log, closers } of instances) {
      log.info(`${signal}: finishing the deliveries being processed, then stopping`);
      for (const close of closers) {
        await close().catch((error: unknown) => log.warn(`while stopping: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    process.exit(0);
  })();
}

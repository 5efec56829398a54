/**
 * Running an external program safely: no shell, a time limit, a bound on
 * what it may print, and its whole process group killed when it overruns.
 */
import { spawn } from "node:child_process";

/** How a run is limited. */
export interface RunLimits {
  /** Kill the program after this many milliseconds. */
  timeoutMs: number;
  /** Kill the program once it has printed more than this many bytes on stdout. */
  maxOutputBytes: number;
}

export interface RunOptions extends RunLimits {
  cwd?: string;
  /** The program's whole environment (nothing of this process's is passed on). */
  env: NodeJS.ProcessEnv;
}

/** How a run ended. */
export type RunResult =
  | { status: "exited"; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
  | { status: "timed out" }
  | { status: "output too large" }
  | { status: "not started"; reason: string };

/** The most of stderr kept: what goes beyond is dropped (the program keeps running). */
const MAX_STDERR_BYTES = 64 * 1024;

/** Runs `command` with `args` (no shell) and collects what it prints, within `options`' limits. */
export function runTool(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      // detached: the program leads its own process group, so that a kill reaches whatever it started.
      child = spawn(command, args, { cwd: options.cwd, env: options.env, shell: false, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      resolve({ status: "not started", reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let [stdoutBytes, stderrBytes] = [0, 0];
    let stopped: RunResult | undefined;
    const stop = (result: RunResult) => {
      if (stopped) return;
      stopped = result;
      killGroup(child);
      // Whatever escaped the group may hold the pipes open: stop reading, so that "close" follows the exit.
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const timer = setTimeout(() => stop({ status: "timed out" }), options.timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) stop({ status: "output too large" });
      else stdout.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderrBytes < MAX_STDERR_BYTES) stderr.push(chunk);
      stderrBytes += chunk.length;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve(stopped ?? { status: "not started", reason: error.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve(
        stopped ?? {
          status: "exited",
          code,
          signal,
          stdout: Buffer.concat(stdout).toString("utf8"),
          stderr: Buffer.concat(stderr).toString("utf8").slice(0, MAX_STDERR_BYTES),
        },
      );
    });
  });
}

/** Kills the process group that `child` leads, or `child` alone when that fails. */
function killGroup(child: ReturnType<typeof spawn>): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

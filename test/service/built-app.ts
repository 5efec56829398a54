/**
 * Helpers for test/service/built-app.test.ts: the app built with tsc into a
 * throwaway project directory, started as `npm start` starts it (`node
 * dist/start.js`, Probot's server) in child processes on 127.0.0.1, and two local stand-ins
 * so that nothing leaves the machine: a smee.io channel and a GitHub API that
 * records every request it gets.
 */
import { execFile, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { copyFile, mkdtemp, rm, symlink } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tscBin = path.join(repoRoot, "node_modules/typescript/bin/tsc");

/**
 * Builds the app into `<dir>/dist` of a new temp directory laid out like a
 * checkout (package.json, app.yml, node_modules linked to the repository's),
 * so that the repository's own dist/ is left alone and Probot's setup, run
 * from there, cannot read or write the repository's .env. Type checking is
 * skipped (`--noCheck`: the emitted JavaScript is the same; `npm run
 * typecheck` checks the types), which makes the build 4 times faster.
 */
export async function buildApp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "promenade-built-app-"));
  await promisify(execFile)(process.execPath, [tscBin, "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist"), "--noCheck"], { cwd: repoRoot });
  await copyFile(path.join(repoRoot, "package.json"), path.join(dir, "package.json"));
  await copyFile(path.join(repoRoot, "app.yml"), path.join(dir, "app.yml"));
  await symlink(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Removes a directory made by buildApp (the node_modules link, not what it points to). */
export async function removeBuild(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface RunningApp {
  port: number;
  url: string;
  /** What the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Stops it (SIGTERM, then SIGKILL after 2 s) and waits for it to exit; answers how it exited (undefined when it had already). */
  stop(): Promise<ExitedApp | undefined>;
}

export interface ExitedApp {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a child: only PATH from ours (vitest sets
 * WEBHOOK_SECRET and others in this process), HOST 127.0.0.1, and `env`.
 */
function childEnv(env: Record<string, string>, port: number): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: String(port), ...env };
}

function spawnApp(dir: string, env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ["./dist/start.js"], { cwd: dir, env: childEnv(env, port), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ExitedApp>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Starts the built app in `dir` with `env` on a free port of 127.0.0.1 and waits until Probot's `GET /ping` answers. */
export async function startApp(dir: string, env: Record<string, string>, timeoutMs = 15_000): Promise<RunningApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const { child, exited, output } = spawnApp(dir, env, port);
    let exit: ExitedApp | undefined;
    void exited.then((result) => (exit = result));
    const stop = async (): Promise<ExitedApp | undefined> => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    };
    const deadline = Date.now() + timeoutMs;
    while (exit === undefined && Date.now() < deadline) {
      if (await answers(`http://127.0.0.1:${port}/ping`)) return { port, url: `http://127.0.0.1:${port}`, output, stop };
      await sleep(50);
    }
    await stop();
    const { stdout, stderr } = output();
    // Another process took the port between freePort and the child's listen: try another one.
    if (attempt < 3 && /already in use/.test(stdout + stderr)) continue;
    throw new Error(
      `the app did not answer on port ${port} (${exit === undefined ? "timed out" : `exited ${exit.code ?? exit.signal}`}):\n${stdout}\n${stderr}`,
    );
  }
}

/** Runs the built app in `dir` with `env` and waits for it to exit by itself (killed after `timeoutMs`). */
export async function runUntilExit(dir: string, env: Record<string, string>, timeoutMs = 15_000): Promise<ExitedApp> {
  const { child, exited } = spawnApp(dir, env, await freePort());
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const result = await exited;
  clearTimeout(timer);
  return result;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GitHub's `x-hub-signature-256` of `body` with `secret`. */
export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { server, port };
}

export interface SmeeChannel {
  /** The channel's URL, for WEBHOOK_PROXY_URL. */
  url: string;
  /** How many clients are connected. */
  clients(): number;
  /** Sends a delivery to every connected client, as smee.io relays what GitHub posts to the channel. */
  send(headers: Record<string, string>, body: unknown): void;
  close(): Promise<void>;
}

/** A stand-in for a smee.io channel: server-sent events, each a JSON object of the delivery's headers and its `body`, which smee-client posts to its target. */
export async function fakeSmeeChannel(): Promise<SmeeChannel> {
  const streams = new Set<ServerResponse>();
  const { server, port } = await listen((request, response) => {
    if (request.method !== "GET" || request.url !== "/promenade-test") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    response.write("event: ready\ndata: {}\n\n");
    streams.add(response);
    response.on("close", () => streams.delete(response));
  });
  return {
    url: `http://127.0.0.1:${port}/promenade-test`,
    clients: () => streams.size,
    send: (headers, body) => {
      const message = `data: ${JSON.stringify({ ...headers, body, query: {}, timestamp: Date.now() })}\n\n`;
      for (const stream of streams) stream.write(message);
    },
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

export interface GitHubTrap {
  /** For GHE_HOST (with GHE_PROTOCOL=http): Probot's Octokit then sends every GitHub API request here. */
  host: string;
  /** `METHOD path` of every request received. */
  requests: string[];
  close(): Promise<void>;
}

/** A GitHub API that answers every request 503 and records it, so a test can assert the app made none. */
export async function gitHubTrap(): Promise<GitHubTrap> {
  const requests: string[] = [];
  const { server, port } = await listen((request, response) => {
    requests.push(`${request.method ?? "?"} ${request.url ?? "?"}`);
    response.writeHead(503, { "content-type": "application/json" }).end('{"message":"no GitHub in this test"}');
  });
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * Finding a program that renders Kustomize directories: `kustomize build` or,
 * failing that, `kubectl kustomize`. Either is optional: without one,
 * rendering is skipped.
 */
import { constants } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runTool } from "./run-tool.js";
import { toolEnvironment } from "./tool-environment.js";

/** A program that renders a Kustomize directory to stdout. */
export interface KustomizeTool {
  /** Absolute path of the program. */
  command: string;
  /** The arguments before the directory, e.g. `["build"]`. */
  args: string[];
  /** What it is, for messages, e.g. `kustomize v5.5.0` or `kubectl kustomize (Kustomize v5.5.0)`. */
  label: string;
}

/** How long `version` may take. */
const VERSION_TIMEOUT_MS = 10_000;

interface Candidate {
  name: string;
  args: string[];
  version: string[];
  label(versionOutput: string): string;
}

const CANDIDATES: readonly Candidate[] = [
  {
    name: "kustomize",
    args: ["build"],
    version: ["version"],
    label: (output) => {
      const version = /v?\d+\.\d+\.\d+[^\s,}]*/.exec(output)?.[0];
      return version ? `kustomize ${version}` : "kustomize";
    },
  },
  {
    name: "kubectl",
    args: ["kustomize"],
    version: ["version", "--client"],
    label: (output) => {
      const version = /Kustomize Version:\s*(\S+)/.exec(output)?.[1];
      return version ? `kubectl kustomize (Kustomize ${version})` : "kubectl kustomize";
    },
  },
];

/** Answers so far, by PATH. */
const found = new Map<string, Promise<KustomizeTool | null>>();

/**
 * The first of `kustomize` (build) and `kubectl` (kustomize) on the PATH of
 * `env` whose `version` runs; null when neither does. Only absolute PATH
 * entries are searched. Remembered per PATH for the life of the process.
 */
export async function findKustomizeTool(env: NodeJS.ProcessEnv = process.env): Promise<KustomizeTool | null> {
  const searchPath = env.PATH ?? "";
  let answer = found.get(searchPath);
  if (!answer) {
    answer = detect(searchPath);
    found.set(searchPath, answer);
  }
  return answer;
}

async function detect(searchPath: string): Promise<KustomizeTool | null> {
  for (const candidate of CANDIDATES) {
    const command = await findExecutable(candidate.name, searchPath);
    if (command === null) continue;
    const result = await runTool(command, candidate.version, {
      env: toolEnvironment(os.tmpdir()),
      timeoutMs: VERSION_TIMEOUT_MS,
      maxOutputBytes: 64 * 1024,
    });
    if (result.status === "exited" && result.code === 0) return { command, args: candidate.args, label: candidate.label(result.stdout) };
  }
  return null;
}

/** The first executable regular file called `name` in an absolute directory of `searchPath`, or null. */
async function findExecutable(name: string, searchPath: string): Promise<string | null> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    const executable = await fs
      .stat(file)
      .then(async (stat) => stat.isFile() && (await fs.access(file, constants.X_OK).then(() => true)))
      .catch(() => false);
    if (executable) return file;
  }
  return null;
}

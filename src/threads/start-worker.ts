/**
 * Starting a worker thread on one of Promenade's modules, whether Promenade
 * runs from its build (`dist/**.js`: `npm start`, the CLI) or from its
 * TypeScript sources (vitest, `node --import tsx`). A worker thread does not
 * inherit the loader that runs TypeScript, so from the sources the worker
 * first registers tsx's loader, then imports the module.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

/** The module `name` (no extension) in the directory of the module `from` (its `import.meta.url`), with the same extension: `.js` built, `.ts` from the sources. */
export function siblingModule(name: string, from: string): URL {
  return new URL(`./${name}${new URL(from).pathname.endsWith(".ts") ? ".ts" : ".js"}`, from);
}

/** A worker thread running `module` (see siblingModule). */
export function startWorker(module: URL, options: WorkerOptions = {}): Worker {
  if (!module.pathname.endsWith(".ts")) return new Worker(module, options);
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const code = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

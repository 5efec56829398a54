// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The layers of src/ and which other layers each may import (npm packages are always allowed,
 * and a layer may always import itself). Everything not listed is refused by
 * `no-restricted-imports`, one sentence per refused layer. The matrix follows the real import
 * graph (no exceptions were needed): lower layers (engine, github, render-manifests, threads) import only what sits under them.
 * The root entries (src/index.ts, src/start.ts) wire everything together and are not restricted.
 */
const LAYERS = {
  engine: { may: [], why: "the engine is pure and imports only itself and npm packages" },
  github: { may: ["engine"], why: "the GitHub adapter uses only the engine's types and pure helpers" },
  "render-manifests": { may: ["engine"], why: "kustomize rendering uses only the engine, never GitHub or the orchestrators" },
  threads: { may: ["engine"], why: "worker-thread plumbing is generic and knows no layer above the engine" },
  // local scans in parallel on worker threads (src/local/parallel-scan.ts).
  local: { may: ["engine", "threads"], why: "local checkout reading serves the CLI and uses only the engine and worker threads" },
  cli: { may: ["engine", "local", "render-manifests"], why: "the CLI works on a local checkout, never through GitHub, the orchestrators or the service" },
  // promote runs reviews on a worker pool (environment-reviewer.ts, review-worker.ts).
  promote: {
    may: ["engine", "github", "render-manifests", "threads"],
    why: "orchestrators use the engine, the GitHub adapter, rendering and worker threads, never the entry layers that call them",
  },
  // Handlers are registered with the service and report to it: they may use the dispatcher's types
  // (HandlerApp, OwnDelivery), gate timers and own deliveries from src/service.
  handlers: {
    may: ["engine", "github", "promote", "render-manifests", "service"],
    why: "a handler reads an event and calls an orchestrator, never the CLI, the Action, local checkouts or worker threads",
  },
  // The service runs orchestrators from queued jobs; src/index.ts (not the service) registers the handlers.
  service: {
    may: ["engine", "github", "promote", "render-manifests", "threads"],
    why: "the service runs orchestrators and is wired to handlers by src/index.ts, never the CLI, the Action or local checkouts",
  },
  // The Action reuses the handlers' event reading and the orchestrators, without the service.
  action: {
    may: ["engine", "github", "handlers", "promote", "render-manifests", "threads"],
    why: "the Action runs without the service and never uses the CLI or local checkouts",
  },
};

/** Regex for a relative import that climbs out of the current layer into `layer`.
 * (It would also match a layer's own sub-folder named like another layer; none exists.) */
const into = (/** @type {string} */ layer) => `^(\\.\\./)+${layer}(/|$)`;

/** Handlers may read webhook payload types (@octokit/webhooks) but reach GitHub only through src/github. */
const OCTOKIT_IN_HANDLERS = "src/handlers may not use Octokit directly: go through the GitHub adapter in src/github.";

/** @type {Record<string, { may: string[], why: string }>} */
const layers = LAYERS;
const layerConfigs = Object.entries(layers).map(([layer, { may, why }]) => ({
  name: `promenade/layers/${layer}`,
  files: [`src/${layer}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths:
          layer === "handlers"
            ? [
                { name: "probot", importNames: ["ProbotOctokit"], message: OCTOKIT_IN_HANDLERS },
                { name: "octokit", message: OCTOKIT_IN_HANDLERS },
              ]
            : [],
        patterns: [
          ...Object.keys(layers)
            .filter((other) => other !== layer && !may.includes(other))
            .map((other) => ({ regex: into(other), caseSensitive: true, message: `src/${layer} may not import from src/${other}: ${why}.` })),
          ...(layer === "handlers" ? [{ group: ["@octokit/*", "!@octokit/webhooks"], message: OCTOKIT_IN_HANDLERS }] : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["dist/", "dist-action/", "dist-bench/", "node_modules/", "coverage/", "examples/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  ...layerConfigs,
);

/**
 * Running CPU-bound YAML work with `process.env` as a plain object. The
 * `yaml` library reads `process.env.LOG_TOKENS` once per token it parses
 * (and `LOG_STREAM` once per document), and `process.env` is an exotic
 * object whose every read asks the C++ side: on a large tree those reads
 * cost a quarter of the parse. A plain copy answers them in nanoseconds.
 */

/** The real `process.env` and what it held when a copy took its place; undefined when none has. */
let swapped: { real: NodeJS.ProcessEnv; before: Readonly<NodeJS.ProcessEnv> } | undefined;
/** How many `withPlainEnv` calls are running (they may overlap: only the outermost swaps and restores). */
let running = 0;

/**
 * Runs `work` with `process.env` replaced by a plain copy of itself, then
 * puts the real one back, carrying over whatever was set or deleted in the
 * copy meanwhile, so that nothing written to the environment is lost.
 */
export async function withPlainEnv<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) {
    const before = { ...process.env };
    swapped = { real: process.env, before };
    process.env = { ...before };
  }
  try {
    return await work();
  } finally {
    if (--running === 0 && swapped !== undefined) {
      const { real, before } = swapped;
      const copy = process.env;
      process.env = real;
      swapped = undefined;
      carryOver(before, copy, real);
    }
  }
}

/** Makes in `env` the changes that turned `before` into `after`. */
function carryOver(before: Readonly<NodeJS.ProcessEnv>, after: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(before)) if (!Object.hasOwn(after, name)) Reflect.deleteProperty(env, name);
  for (const [name, value] of Object.entries(after)) if (value !== undefined && before[name] !== value) env[name] = value;
}

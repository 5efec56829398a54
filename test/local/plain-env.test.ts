import { afterEach, describe, expect, it } from "vitest";
import { withPlainEnv } from "../../src/local/plain-env.js";

const real = process.env;
afterEach(() => {
  process.env = real;
  delete real.PROMENADE_TEST_SET;
  delete real.PROMENADE_TEST_DELETED;
});

describe("withPlainEnv", () => {
  it("runs the work with a plain copy of process.env, then puts the real one back", async () => {
    real.PROMENADE_TEST_DELETED = "before";
    const seen = await withPlainEnv(async () => ({ env: process.env, value: process.env.PROMENADE_TEST_DELETED }));
    expect(seen.env).not.toBe(real);
    expect(Object.getPrototypeOf(seen.env)).toBe(Object.prototype);
    expect(seen.value).toBe("before");
    expect(process.env).toBe(real);
  });

  it("carries over what the work set or deleted in the environment", async () => {
    real.PROMENADE_TEST_DELETED = "before";
    await withPlainEnv(async () => {
      process.env.PROMENADE_TEST_SET = "set";
      delete process.env.PROMENADE_TEST_DELETED;
    });
    expect(real.PROMENADE_TEST_SET).toBe("set");
    expect(real.PROMENADE_TEST_DELETED).toBeUndefined();
  });

  it("leaves alone what was written straight into the real environment meanwhile", async () => {
    await withPlainEnv(async () => {
      real.PROMENADE_TEST_SET = "written to the real one";
    });
    expect(real.PROMENADE_TEST_SET).toBe("written to the real one");
  });

  it("restores the real environment once the last of overlapping calls ends, and when the work throws", async () => {
    let finishFirst = (): void => undefined;
    const first = withPlainEnv(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = withPlainEnv(async () => {
      throw new Error("boom");
    });
    await expect(second).rejects.toThrow("boom");
    expect(process.env).not.toBe(real);
    finishFirst();
    await first;
    expect(process.env).toBe(real);
  });
});

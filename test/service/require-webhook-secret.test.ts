import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestProbot } from "../helpers/github-mock.js";
import promenade from "../../src/index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("starting without a webhook secret", () => {
  it("refuses, with a one-line reason", async () => {
    vi.stubEnv("WEBHOOK_SECRET", "");
    vi.stubEnv("NODE_ENV", "production");
    const { probot } = createTestProbot();
    const loading = probot.load(promenade);
    await expect(loading).rejects.toThrow(/^WEBHOOK_SECRET is not set: Promenade refuses to start without the webhook secret of its GitHub App/);
    await expect(loading).rejects.toThrow(/^[^\n]*$/);
  });

  it("starts in development without one", async () => {
    vi.stubEnv("WEBHOOK_SECRET", "");
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("PROMENADE_STARTUP", "off");
    const { probot } = createTestProbot();
    await expect(probot.load(promenade)).resolves.toBeUndefined();
  });
});

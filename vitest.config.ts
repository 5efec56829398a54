import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // The app needs a webhook secret to start. The app tests expect no rendering, no start-up work, no dashboard, one try per delivery and no pacing of writes; the tests of those drive them directly.
    env: {
      WEBHOOK_SECRET: "test-webhook-secret",
      PROMENADE_RENDER: "off",
      PROMENADE_STARTUP: "off",
      PROMENADE_DASHBOARD: "off",
      PROMENADE_QUEUE_ATTEMPTS: "1",
      PROMENADE_WRITES_PER_MINUTE: "100000",
    },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // The app tests expect no rendering, no start-up work and one try per delivery; the tests of those drive them directly.
    env: { PROMENADE_RENDER: "off", PROMENADE_STARTUP: "off", PROMENADE_QUEUE_ATTEMPTS: "1" },
  },
});

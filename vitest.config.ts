import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // The app tests expect no rendering and no start-up reconciliation; the tests of those drive them directly.
    env: { PROMENADE_RENDER: "off", PROMENADE_RECONCILE: "off" },
  },
});

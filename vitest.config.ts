import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // The app tests expect no rendering; tests of rendering pass their own renderer.
    env: { PROMENADE_RENDER: "off" },
  },
});

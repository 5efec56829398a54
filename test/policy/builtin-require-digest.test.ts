import { describe, expect, it } from "vitest";
import { requireDigest } from "../../src/engine/policy/builtin-require-digest.js";
import { described, environmentOf } from "./helpers.js";

describe("require-digest", () => {
  it("passes images pinned by digest", async () => {
    const { references } = await environmentOf("deployment-good.yaml", "cronjob.yaml");
    expect(requireDigest(references)).toMatchObject({ checked: 4, checkedUnit: "reference", violations: [] });
  });

  it("finds images without a digest, in objects and outside them", async () => {
    const { references } = await environmentOf("debug-pod.yaml", "kustomization.yaml");
    expect(described(requireDigest(references).violations)).toEqual([
      "deploy/debug-pod.yaml:10 Pod/api-debug: ghcr.io/acme/api:1.4.2 is not pinned by digest; expected a digest (@sha256:...)",
      "deploy/debug-pod.yaml:15 Pod/api-debug: docker.io/library/busybox:1.36 is not pinned by digest; expected a digest (@sha256:...)",
      "deploy/kustomization.yaml:7 -: ghcr.io/acme/api:1.4.2 is not pinned by digest; expected a digest (@sha256:...)",
    ]);
  });
});

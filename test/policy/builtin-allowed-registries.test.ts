import { describe, expect, it } from "vitest";
import { allowedRegistries, normalizeRegistry } from "../../src/engine/policy/builtin-allowed-registries.js";
import { readEnvironmentFiles } from "../../src/engine/policy/environment-files.js";
import { MemoryReader } from "../plan/helpers.js";
import { described, environmentOf } from "./helpers.js";

describe("allowed-registries", () => {
  it("passes images from an allowed registry path", async () => {
    const { references } = await environmentOf("deployment-good.yaml", "cronjob.yaml", "list.yaml");
    expect(allowedRegistries(["ghcr.io/acme"], references)).toMatchObject({ checked: 5, violations: [] });
    expect(allowedRegistries(["GHCR.io"], references).violations).toEqual([]);
  });

  it("finds images from other registries at the line of the image", async () => {
    const { references } = await environmentOf("statefulset.yaml", "deployment-good.yaml");
    const outcome = allowedRegistries(["ghcr.io/acme", "docker.io/library"], references);
    expect(outcome).toMatchObject({ description: "images come only from ghcr.io/acme, docker.io/library", checked: 3 });
    expect(described(outcome.violations)).toEqual([
      "deploy/statefulset.yaml:20 StatefulSet/shop/db: quay.io/sclorg/postgresql-16-c9s:20240801 is not from an allowed registry; expected an image from ghcr.io/acme, docker.io/library",
    ]);
  });

  it("matches whole path components only", async () => {
    const { references } = await environmentOf("deployment-good.yaml");
    expect(allowedRegistries(["ghcr.io/ac"], references).violations).toHaveLength(2);
  });

  it("normalises Docker Hub images and registries alike", async () => {
    const { references } = await environmentOf("deployment-bad.yaml", "values.yaml");
    const notAllowed = (registries: string[]) => allowedRegistries(registries, references).violations.map((v) => v.line);
    // deployment-bad.yaml: 29 ghcr.io/acme/web, 34 nginx; values.yaml: 5 ghcr.io/acme/worker, 10 docker.io + bitnami/redis.
    expect(notAllowed(["ghcr.io/acme", "docker.io"])).toEqual([]);
    expect(notAllowed(["ghcr.io/acme", "index.docker.io/library"])).toEqual([10]);
    expect(notAllowed(["ghcr.io/acme", "bitnami"])).toEqual([34]);
  });

  it("skips references that do not name their image", async () => {
    const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: api }
spec:
  source:
    helm:
      parameters:
        - name: image.tag
          value: 1.2.3
`;
    const { references } = await readEnvironmentFiles(new MemoryReader({ "deploy/app.yaml": app }), "deploy");
    expect(references.map(({ ref }) => ref.image)).toEqual([null]);
    expect(allowedRegistries(["ghcr.io"], references)).toMatchObject({ checked: 0, violations: [] });
  });
});

describe("normalizeRegistry", () => {
  it("normalises hosts like image names, without adding library/", () => {
    expect(normalizeRegistry("docker.io")).toBe("docker.io");
    expect(normalizeRegistry("index.docker.io/library")).toBe("docker.io/library");
    expect(normalizeRegistry("bitnami")).toBe("docker.io/bitnami");
    expect(normalizeRegistry("GHCR.IO/acme")).toBe("ghcr.io/acme");
    expect(normalizeRegistry("localhost:5000")).toBe("localhost:5000");
  });
});

import { describe, expect, it } from "vitest";
import { noLatestTag } from "../../src/engine/policy/builtin-no-latest-tag.js";
import { described, environmentOf } from "./helpers.js";

describe("no-latest-tag", () => {
  it("passes version tags, and latest pinned by a digest", async () => {
    const outcome = noLatestTag((await environmentOf("deployment-good.yaml", "cronjob.yaml", "kustomization.yaml")).references);
    expect(outcome).toMatchObject({ checked: 5, checkedUnit: "reference", violations: [] });
  });

  it("finds latest and missing tags at the line of the image, naming the object", async () => {
    const outcome = noLatestTag((await environmentOf("deployment-bad.yaml", "values.yaml")).references);
    expect(described(outcome.violations)).toEqual([
      "deploy/deployment-bad.yaml:29 Deployment/web: ghcr.io/acme/web:latest is tagged latest; expected a version tag or a digest",
      "deploy/deployment-bad.yaml:34 Deployment/web: docker.io/library/nginx has no tag: runs whatever latest is; expected a version tag or a digest",
      "deploy/values.yaml:5 -: ghcr.io/acme/worker:latest is tagged latest; expected a version tag or a digest",
    ]);
    expect(outcome.checked).toBe(4);
  });
});

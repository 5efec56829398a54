import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { UsageError } from "../../src/engine/errors.js";
import { applyPromotion } from "../../src/engine/plan/apply-promotion.js";
import { planEnvironmentChange } from "../../src/engine/plan/plan-environment-change.js";
import { environmentReferences } from "../../src/engine/plan/environment-references.js";
import { planImagePush } from "../../src/engine/plan/plan-image-push.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { config, kustomization, MemoryReader, only } from "./helpers.js";

const API = "ghcr.io/acme/api";
const WEB = "ghcr.io/acme/web";

describe("applyPromotion", () => {
  const cfg = config(`environments:
  dev: { path: ./deploy/dev/ }
  staging: { path: deploy/staging, from: dev }
pullRequests: { group: environment }
`);
  const values = (tag: string) => `# api chart\nimage:\n  repository: ${API}\n  tag: ${tag} # keep this comment\n`;
  const files = {
    "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.1.0" }),
    "deploy/dev/values.yaml": values("1.5.0"),
    "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.4.0", [WEB]: "2.0.0" }),
    "deploy/staging/values.yaml": values("1.4.0"),
    "deploy/staging/README.md": "not YAML",
  };

  it("edits every file of the environment that references the images, one file for several images", async () => {
    const reader = new MemoryReader(files);
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "dev"));
    expect(promotion.images.map((i) => i.image)).toEqual([API, WEB]);
    expect(await applyPromotion(reader, cfg, promotion)).toEqual([
      {
        file: "deploy/staging/kustomization.yaml",
        before: files["deploy/staging/kustomization.yaml"],
        after: kustomization({ [API]: "1.5.0", [WEB]: "2.1.0" }),
      },
      { file: "deploy/staging/values.yaml", before: values("1.4.0"), after: values("1.5.0") },
    ]);
    expect(reader.files).toEqual(files);
  });

  it("finds the environment's files under a path written with ./ and a trailing slash", async () => {
    const reader = new MemoryReader(files);
    const promotion = only(planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.6.0" }));
    expect((await applyPromotion(reader, cfg, promotion)).map((change) => change.file)).toEqual([
      "deploy/dev/kustomization.yaml",
      "deploy/dev/values.yaml",
    ]);
  });

  it("changes nothing when the environment already runs the versions", async () => {
    const reader = new MemoryReader(files);
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "dev"));
    const done = new MemoryReader({ ...files, "deploy/staging/kustomization.yaml": files["deploy/dev/kustomization.yaml"], "deploy/staging/values.yaml": values("1.5.0") });
    expect(await applyPromotion(done, cfg, promotion)).toEqual([]);
  });

  it("refuses an environment the config does not have", async () => {
    const promotion = { environment: "qa", images: [], branch: "promenade/qa", title: "", trigger: { kind: "rollback" as const } };
    await expect(applyPromotion(new MemoryReader(files), cfg, promotion)).rejects.toThrow(new UsageError("unknown environment 'qa'"));
  });
});

describe("the example repository examples/fleet", () => {
  const root = fileURLToPath(new URL("../../examples/fleet/", import.meta.url));
  const fleet = parseConfig(readFileSync(`${root}.github/promenade.yml`, "utf8"));
  const repo = new LocalRepo(root);

  it("plans staging → production for every image that staging runs newer", async () => {
    const promotions = planEnvironmentChange(fleet, await environmentReferences(repo, fleet), "staging");
    expect(promotions.map((p) => `${p.branch}: ${p.title} (${p.images[0]?.bump})`)).toEqual([
      "promenade/production/redis: Promote redis 7.2.5 to production (patch)",
      "promenade/production/admin: Promote admin 1.2.0 to production (minor)",
      "promenade/production/api: Promote api 1.11.2 to production (minor)",
      "promenade/production/billing: Promote billing 3.1.4 to production (minor)",
      "promenade/production/billing-worker: Promote billing-worker 1038 to production (other)",
      "promenade/production/gateway: Promote gateway 0.16.0 to production (minor)",
      "promenade/production/notifier: Promote notifier v0.7.2 to production (minor)",
      "promenade/production/search: Promote search 3.11 to production (other)",
      "promenade/production/web: Promote web 2.3.1 to production (patch)",
      "promenade/production/worker: Promote worker main-1d8e07c to production (other)",
    ]);
  });

  it("plans a pushed api version into dev and edits the overlay and the marked ConfigMap line", async () => {
    const promotion = only(planImagePush(fleet, await environmentReferences(repo, fleet), { image: API, tag: "1.13.0" }));
    expect(promotion.title).toBe("Promote api 1.13.0 to dev");
    const changes = await applyPromotion(repo, fleet, promotion);
    expect(changes.map((change) => change.file)).toEqual(["deploy/dev/api/configmap.yaml", "deploy/dev/api/kustomization.yaml"]);
    expect(changes[0]?.after).toBe(changes[0]?.before.replace('SENTRY_RELEASE: "1.12.0"', 'SENTRY_RELEASE: "1.13.0"'));
    expect(changes[1]?.after).toBe(changes[1]?.before.replace("newTag: 1.12.0", "newTag: 1.13.0"));
  });

  it("plans nothing for a version outside the range or older than dev's", async () => {
    const envRefs = await environmentReferences(repo, fleet);
    expect(planImagePush(fleet, envRefs, { image: API, tag: "2.0.0" })).toEqual([]);
    expect(planImagePush(fleet, envRefs, { image: API, tag: "1.11.9" })).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { UsageError } from "../../src/engine/errors.js";
import { applyPromotion } from "../../src/engine/plan/apply-promotion.js";
import { planEnvironmentChange } from "../../src/engine/plan/plan-environment-change.js";
import { environmentReferences } from "../../src/engine/plan/environment-references.js";
import { planImagePush } from "../../src/engine/plan/plan-image-push.js";
import { promotionBodyMarkdown } from "../../src/engine/markdown/promotion-body.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { BROKEN_NOTES, BROKEN_WITH_IMAGE, CHART_VALUES, localChart } from "../repo/local-chart.js";
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
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "dev").promotions);
    expect(promotion.images.map((i) => i.image)).toEqual([API, WEB]);
    expect(await applyPromotion(reader, cfg, promotion)).toMatchObject({
      changes: [
        {
          file: "deploy/staging/kustomization.yaml",
          before: files["deploy/staging/kustomization.yaml"],
          after: kustomization({ [API]: "1.5.0", [WEB]: "2.1.0" }),
        },
        { file: "deploy/staging/values.yaml", before: values("1.4.0"), after: values("1.5.0") },
      ],
      warnings: [],
    });
    expect(reader.files).toEqual(files);
  });

  it("finds the environment's files under a path written with ./ and a trailing slash", async () => {
    const reader = new MemoryReader(files);
    const promotion = only(planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.6.0" }).promotions);
    expect((await applyPromotion(reader, cfg, promotion)).changes.map((change) => change.file)).toEqual([
      "deploy/dev/kustomization.yaml",
      "deploy/dev/values.yaml",
    ]);
  });

  it("changes nothing when the environment already runs the versions", async () => {
    const reader = new MemoryReader(files);
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "dev").promotions);
    const done = new MemoryReader({
      ...files,
      "deploy/staging/kustomization.yaml": files["deploy/dev/kustomization.yaml"],
      "deploy/staging/values.yaml": values("1.5.0"),
    });
    expect(await applyPromotion(done, cfg, promotion)).toMatchObject({ changes: [], warnings: [] });
  });

  it("refuses an environment the config does not have", async () => {
    const promotion = { environment: "qa", images: [], branch: "promenade/qa", title: "", trigger: { kind: "rollback" as const } };
    await expect(applyPromotion(new MemoryReader(files), cfg, promotion)).rejects.toThrow(new UsageError("unknown environment 'qa'"));
  });
});

describe("applyPromotion into an environment that deploys a local Helm chart", () => {
  const cfg = config("environments:\n  dev: { path: deploy/dev }\n");
  const chart = { ...localChart("deploy/dev/api"), "deploy/dev/notes.yaml": BROKEN_NOTES };

  it("edits the chart's values, never reads its templates, and lists a broken file that cannot hold the image as a warning", async () => {
    const reader = new MemoryReader(chart);
    const promotion = only(planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.5.0" }).promotions);
    expect(await applyPromotion(reader, cfg, promotion)).toMatchObject({
      changes: [{ file: "deploy/dev/api/values.yaml", before: CHART_VALUES, after: CHART_VALUES.replace("tag: 1.4.1", "tag: 1.5.0") }],
      warnings: [
        {
          kind: "not-yaml",
          file: "deploy/dev/notes.yaml",
          line: 3,
          reason: "not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
        },
      ],
    });
  });

  it("lists each warning once when a grouped promotion meets the file for every image", async () => {
    const grouped = config(
      "environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev }\npullRequests: { group: environment }\n",
    );
    const reader = new MemoryReader({
      "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.5.0", [WEB]: "2.1.0" }),
      "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.4.0", [WEB]: "2.0.0" }),
      "deploy/staging/notes.yaml": BROKEN_NOTES,
    });
    const promotion = only(planEnvironmentChange(grouped, await environmentReferences(reader, grouped), "dev").promotions);
    expect(promotion.images).toHaveLength(2);
    expect((await applyPromotion(reader, grouped, promotion)).warnings.map((warning) => warning.file)).toEqual(["deploy/staging/notes.yaml"]);
  });

  it("still refuses, changing nothing, when a file that does not parse may hold the image", async () => {
    const reader = new MemoryReader({ ...chart, "deploy/dev/legacy.yaml": BROKEN_WITH_IMAGE });
    const promotion = only(planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.5.0" }).promotions);
    await expect(applyPromotion(reader, cfg, promotion)).rejects.toThrow("deploy/dev/legacy.yaml:1: not valid YAML");
  });
});

describe("the example repository examples/fleet", () => {
  const root = fileURLToPath(new URL("../../examples/fleet/", import.meta.url));
  const fleet = parseConfig(readFileSync(`${root}.github/promenade.yml`, "utf8"));
  const repo = new LocalRepo(root);

  it("plans staging → production for every image that staging runs newer", async () => {
    const { promotions } = planEnvironmentChange(fleet, await environmentReferences(repo, fleet), "staging");
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
    const promotion = only(planImagePush(fleet, await environmentReferences(repo, fleet), { image: API, tag: "1.13.0" }).promotions);
    expect(promotion.title).toBe("Promote api 1.13.0 to dev");
    const { changes } = await applyPromotion(repo, fleet, promotion);
    expect(changes.map((change) => change.file)).toEqual(["deploy/dev/api/configmap.yaml", "deploy/dev/api/kustomization.yaml"]);
    expect(changes[0]?.after).toBe(changes[0]?.before.replace('SENTRY_RELEASE: "1.12.0"', 'SENTRY_RELEASE: "1.13.0"'));
    expect(changes[1]?.after).toBe(changes[1]?.before.replace("newTag: 1.12.0", "newTag: 1.13.0"));
  });

  it("plans nothing for a version outside the range or older than dev's", async () => {
    const envRefs = await environmentReferences(repo, fleet);
    expect(planImagePush(fleet, envRefs, { image: API, tag: "2.0.0" }).promotions).toEqual([]);
    expect(planImagePush(fleet, envRefs, { image: API, tag: "1.11.9" }).promotions).toEqual([]);
  });
});

describe("applyPromotion keeps each reference's digest form", () => {
  const OLD = `sha256:${"a".repeat(64)}`;
  const NEW = `sha256:${"c".repeat(64)}`;
  const environments =
    "environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev }\n  production: { path: deploy/production, from: staging }\n";
  const files = {
    "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.4.0" }),
    "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.5.0" }),
    "deploy/production/kustomization.yaml": kustomization({ [API]: `1.4.0@${OLD}` }),
  };

  const push = async (extra: string) => {
    const cfg = config(`${environments}${extra}`);
    const reader = new MemoryReader(files);
    const promotion = only(planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.6.0", digest: NEW }).promotions);
    return applyPromotion(reader, cfg, promotion);
  };

  it("a pushed digest leaves a tag-only reference tag-only", async () => {
    const { changes, droppedPins } = await push("");
    expect(changes).toEqual([
      { file: "deploy/dev/kustomization.yaml", before: files["deploy/dev/kustomization.yaml"], after: kustomization({ [API]: "1.6.0" }) },
    ]);
    expect(droppedPins).toEqual([]);
  });

  it("with pullRequests.pinDigests, a pushed digest is written where there was none", async () => {
    const { changes } = await push("pullRequests: { pinDigests: true }\n");
    expect(changes.map((change) => change.after)).toEqual([kustomization({ [API]: `1.6.0@${NEW}` })]);
  });

  it("a reference pinned by digest gets the new digest", async () => {
    const cfg = config(environments);
    const reader = new MemoryReader({ ...files, "deploy/staging/kustomization.yaml": kustomization({ [API]: `1.5.0@${NEW}` }) });
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "staging").promotions);
    const { changes, droppedPins } = await applyPromotion(reader, cfg, promotion);
    expect(changes.map((change) => change.after)).toEqual([kustomization({ [API]: `1.5.0@${NEW}` })]);
    expect(droppedPins).toEqual([]);
  });

  it("a production pin is dropped when staging runs a tag only, and the PR body says so", async () => {
    const cfg = config(environments);
    const reader = new MemoryReader(files);
    const promotion = only(planEnvironmentChange(cfg, await environmentReferences(reader, cfg), "staging").promotions);
    const { changes, droppedPins } = await applyPromotion(reader, cfg, promotion);
    expect(changes.map((change) => change.after)).toEqual([kustomization({ [API]: "1.5.0" })]);
    expect(droppedPins).toEqual([{ file: "deploy/production/kustomization.yaml", line: 5, image: API, version: "1.5.0" }]);
    expect(promotionBodyMarkdown(promotion, { droppedPins })).toContain(
      "- the pin of `ghcr.io/acme/api` in `deploy/production/kustomization.yaml` is dropped: `1.5.0` has no digest\n",
    );
  });
});

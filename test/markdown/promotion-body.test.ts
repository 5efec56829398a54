import { describe, expect, it } from "vitest";
import { config, only } from "../plan/helpers.js";
import { imagePromotion } from "../../src/engine/plan/build-promotion.js";
import { groupPromotions } from "../../src/engine/plan/group-promotions.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import { readPromotionBody, promotionBodyMarkdown, type Signing } from "../../src/engine/markdown/promotion-body.js";
import { promotionData, SUPERSEDED_LIMIT, type PromotionData } from "../../src/engine/markdown/promotion-data.js";
import { signedDataBlock } from "../../src/engine/markdown/signed-block.js";

const API = "ghcr.io/acme/api";
const WORKER = "ghcr.io/acme/worker";
const D1 = `sha256:${"9f86d081884c".padEnd(64, "0")}`;

const cfg = config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
images:
  - { name: ${API}, versions: "^1.0.0", source: acme/api }
  - { name: ${WORKER}, tags: { allow: "^main-" } }
`);

const toStaging = (image: string, from: string, to: string, digest: string | null = null): Promotion =>
  imagePromotion({
    environment: "staging",
    from: "dev",
    image,
    slug: image.slice(image.lastIndexOf("/") + 1),
    fromVersion: { tag: from, digest: null },
    toVersion: { tag: to, digest },
    trigger: { kind: "environment-change", environment: "dev" },
  });

const apiPromotion = toStaging(API, "1.4.1", "1.4.2");

describe("promotionBodyMarkdown", () => {
  it("renders the table, the links and the hidden data", () => {
    const body = promotionBodyMarkdown(apiPromotion, {
      config: cfg,
      sources: new Map([[API, { since: new Date("2024-05-01T10:00:42Z"), url: "https://github.com/acme/fleet/pull/12" }]]),
    });
    expect(body).toMatchInlineSnapshot(`
      "This PR promotes to **staging** the versions that run in **dev**.

      | image | from | to | bump | running in \`dev\` since |
      | --- | --- | --- | --- | --- |
      | \`ghcr.io/acme/api\` | \`1.4.1\` | \`1.4.2\` | patch | [2024-05-01 10:00 UTC](https://github.com/acme/fleet/pull/12) |

      Changes:
      - \`ghcr.io/acme/api\`: [acme/api 1.4.1...1.4.2](https://github.com/acme/api/compare/1.4.1...1.4.2)

      <!-- promenade: {"version":1,"environment":"staging","from":"dev","branch":"promenade/staging/api","images":[{"image":"ghcr.io/acme/api","fromVersion":{"tag":"1.4.1","digest":null},"toVersion":{"tag":"1.4.2","digest":null},"bump":"patch","since":"2024-05-01T10:00:42.000Z"}],"trigger":{"kind":"environment-change","environment":"dev"},"superseded":[]} -->
      "
    `);
  });

  it("renders a push into a root environment without the since column, and a grouped promotion with digests", () => {
    const push = imagePromotion({
      environment: "dev",
      image: WORKER,
      slug: "worker",
      fromVersion: { tag: "main-1d8e07c", digest: null },
      toVersion: { tag: "main-4f9c2ab", digest: D1 },
      trigger: { kind: "push", image: WORKER, tag: "main-4f9c2ab", digest: D1 },
    });
    expect(promotionBodyMarkdown(push).split("<!--")[0]).toMatchInlineSnapshot(`
      "A new version was pushed: \`ghcr.io/acme/worker:main-4f9c2ab\`. This PR brings it to **dev**.

      | image | from | to | bump |
      | --- | --- | --- | --- |
      | \`ghcr.io/acme/worker\` | \`main-1d8e07c\` | \`main-4f9c2ab\` (\`sha256:9f86d081884c\`) | other |

      "
    `);
    const grouped = only(
      groupPromotions({ pullRequests: { group: "environment", labels: [], pinDigests: false } }, [
        apiPromotion,
        toStaging(WORKER, "main-1d8e07c", "main-4f9c2ab"),
      ]),
    );
    const body = promotionBodyMarkdown(grouped, {
      config: cfg,
      serverUrl: "https://ghe.example.com/",
      sources: new Map([[WORKER, { url: "https://ghe.example.com/acme/fleet/commit/abc(1)" }]]),
    });
    expect(body.split("<!--")[0]).toMatchInlineSnapshot(`
      "This PR promotes to **staging** the versions that run in **dev**.

      | image | from | to | bump | running in \`dev\` since |
      | --- | --- | --- | --- | --- |
      | \`ghcr.io/acme/api\` | \`1.4.1\` | \`1.4.2\` | patch | — |
      | \`ghcr.io/acme/worker\` | \`main-1d8e07c\` | \`main-4f9c2ab\` | other | [source](https://ghe.example.com/acme/fleet/commit/abc%281%29) |

      Changes:
      - \`ghcr.io/acme/api\`: [acme/api 1.4.1...1.4.2](https://ghe.example.com/acme/api/compare/1.4.1...1.4.2)

      "
    `);
  });

  it("leaves out links that are not http(s) addresses", () => {
    const body = promotionBodyMarkdown(apiPromotion, { sources: new Map([[API, { since: null, url: "javascript:alert(1)" }]]) });
    expect(body).toContain("| patch | — |");
    expect(body).not.toContain("javascript");
  });

  it("says what an update supersedes, most recent first", () => {
    const first = parsed(promotionBodyMarkdown(toStaging(API, "1.4.1", "1.4.2"), { signing: SIGNING }));
    const second = parsed(promotionBodyMarkdown(toStaging(API, "1.4.1", "1.4.3"), { previous: first, signing: SIGNING }));
    const third = promotionBodyMarkdown(toStaging(API, "1.4.1", "1.5.0"), { previous: second, signing: SIGNING });
    expect(third).toContain("\n\nSupersedes `ghcr.io/acme/api` 1.4.3, `ghcr.io/acme/api` 1.4.2.\n\n<!-- promenade:");
    expect(parsed(third)?.superseded).toEqual([
      { image: API, tag: "1.4.3", digest: null },
      { image: API, tag: "1.4.2", digest: null },
    ]);
  });
});

describe("promotionData", () => {
  const previous = (images: Promotion["images"], superseded: PromotionData["superseded"] = []): PromotionData => ({
    ...promotionData(toStaging(API, "1.4.1", "1.4.2")),
    images,
    superseded,
  });

  it("supersedes nothing when the version stays, nor for images the update leaves out", () => {
    const grouped = previous([...apiPromotion.images, ...toStaging(WORKER, "main-1", "main-2").images]);
    expect(promotionData(apiPromotion, grouped).superseded).toEqual([]);
  });

  it("drops a superseded version that is proposed again, and keeps at most the limit", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ image: API, tag: `1.3.${i}`, digest: null }));
    const data = promotionData(toStaging(API, "1.4.1", "1.3.0"), previous(apiPromotion.images, many));
    expect(data.superseded).toHaveLength(SUPERSEDED_LIMIT);
    expect(data.superseded[0]).toEqual({ image: API, tag: "1.4.2", digest: null });
    expect(data.superseded.some((entry) => entry.tag === "1.3.0")).toBe(false);
  });
});

const SIGNING: Signing = { scope: "acme/gitops", key: Buffer.from("test signing key") };

/** The data of a signed body, or null when it holds none Promenade signed. */
function parsed(body: string): PromotionData | null {
  const reading = readPromotionBody(body, SIGNING);
  return reading.status === "valid" ? reading.data : null;
}

describe("readPromotionBody", () => {
  const body = promotionBodyMarkdown(apiPromotion, { config: cfg, signing: SIGNING });

  it("reads back what was rendered and signed", () => {
    expect(readPromotionBody(body, SIGNING)).toEqual({ status: "valid", data: promotionData(apiPromotion) });
  });

  it("keeps the commit Promenade made and the files it changes", () => {
    const signed = promotionBodyMarkdown(apiPromotion, { signing: SIGNING, commit: { sha: "c".repeat(40), files: ["b.yaml", "a.yaml"] } });
    expect(parsed(signed)).toMatchObject({ commit: "c".repeat(40), files: ["a.yaml", "b.yaml"] });
  });

  it("reads a body a person edited around the block, with CRLF line endings", () => {
    const edited = `Please wait for the DB migration!\r\n\r\n${body.replaceAll("\n", "\r\n")}\r\n> reviewed by alice`;
    expect(parsed(edited)).toEqual(promotionData(apiPromotion));
  });

  it("reads the last block when a body quotes another one", () => {
    const other = promotionBodyMarkdown(toStaging(WORKER, "main-1", "main-2"), { signing: SIGNING });
    expect(parsed(`${other}\n${body}`)?.branch).toBe("promenade/staging/api");
  });

  it("keeps values that could close the comment inside the block", () => {
    const odd = { ...apiPromotion, environment: "x-->y<!--" };
    const rendered = promotionBodyMarkdown(odd, { signing: SIGNING });
    expect(rendered.slice(rendered.indexOf("<!-- promenade:")).match(/-->/g)).toHaveLength(1);
    expect(parsed(rendered)?.environment).toBe("x-->y<!--");
  });

  it.each([
    ["no body", null],
    ["no block", "Promote api 1.4.2 to staging"],
  ])("finds no data in %s", (_, text) => {
    expect(readPromotionBody(text, SIGNING)).toEqual({ status: "missing" });
  });

  const withActor = promotionBodyMarkdown(apiPromotion, {
    signing: SIGNING,
    actor: "bob",
    sources: new Map([[API, { since: new Date("2026-11-23T10:00:00Z") }]]),
  });
  it.each([
    ["the trigger's login changed", withActor.replace('"actor":"bob"', '"actor":"mallory"')],
    ["the soak's start moved back", withActor.replace("2026-11-23T10:00:00.000Z", "2000-01-01T00:00:00.000Z")],
    ["the trigger made a rollback", withActor.replace('"trigger":{"kind":"environment-change","environment":"dev"}', '"trigger":{"kind":"rollback"}')],
    ["the signature removed", withActor.replace(/,"sig":"[0-9a-f]+"/, "")],
    ["a block written without signing", promotionBodyMarkdown(apiPromotion)],
    ["a block signed for another repository", promotionBodyMarkdown(apiPromotion, { signing: { ...SIGNING, scope: "acme/other" } })],
    ["a block signed with another key", promotionBodyMarkdown(apiPromotion, { signing: { ...SIGNING, key: Buffer.from("another key") } })],
    ["broken JSON", body.replace('"version":1,', '"version":1,,')],
    ["another format version", body.replace('"version":1', '"version":2')],
    ["an unterminated block", body.replace(" -->", "")],
  ])("calls a body forged when %s", (_, text) => {
    expect(text).not.toBe(withActor);
    expect(readPromotionBody(text, SIGNING)).toEqual({ status: "forged" });
  });

  it("ignores unknown keys written and signed by a newer Promenade", () => {
    const newer = signedDataBlock({ ...promotionData(apiPromotion), future: true }, SIGNING.scope, SIGNING.key);
    expect(parsed(newer)).toEqual(promotionData(apiPromotion));
  });
});

import { describe, expect, it } from "vitest";
import { imagePromotion } from "../../src/engine/plan/build-promotion.js";
import { promotionBodyMarkdown } from "../../src/engine/markdown/promotion-body.js";
import { readDataBlock } from "../../src/engine/markdown/data-block.js";

const promotion = imagePromotion({
  environment: "dev",
  image: "ghcr.io/acme/api",
  slug: "api",
  fromVersion: { tag: "1.4.1", digest: null },
  toVersion: { tag: "1.5.0", digest: null },
  trigger: { kind: "push", image: "ghcr.io/acme/api", tag: "1.5.0", digest: null },
});

describe("the warnings of a promotion body", () => {
  it("lists each file left unread with its line and why, escaped, before the hidden data", () => {
    const body = promotionBodyMarkdown(promotion, {
      warnings: [
        { kind: "not-yaml", file: "deploy/dev/`odd`|name.yaml", line: 3, reason: "not valid YAML: <b>bad</b> [x](https://evil.example) @team" },
        { kind: "go-template", file: "deploy/dev/job.yaml", reason: "a Go template, not YAML" },
      ],
    });
    const section = body.slice(body.indexOf("Warnings:"), body.indexOf("<!-- promenade:"));
    expect(section).toBe(
      "Warnings: Promenade could not read these files as YAML and left them as they are; check them by hand.\n" +
        "- `` deploy/dev/`odd`\\|name.yaml:3 ``: not valid YAML: &lt;b&gt;bad&lt;/b&gt; \\[x\\](https:&#8203;//evil.example) @&#8203;team\n" +
        "- `deploy/dev/job.yaml`: a Go template, not YAML\n\n",
    );
    expect(readDataBlock(body)).toMatchObject({ environment: "dev" });
  });

  it("has no section without warnings", () => {
    expect(promotionBodyMarkdown(promotion, { warnings: [] })).toBe(promotionBodyMarkdown(promotion));
    expect(promotionBodyMarkdown(promotion)).not.toContain("Warnings");
  });
});

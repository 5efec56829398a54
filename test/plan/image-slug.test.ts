import { describe, expect, it } from "vitest";
import { imageSlugs, shortImageName } from "../../src/engine/plan/image-slug.js";
import { promotionBranch, promotionTitle } from "../../src/engine/plan/promotion-names.js";

describe("imageSlugs", () => {
  it("uses the last path component", () => {
    expect(Object.fromEntries(imageSlugs(["ghcr.io/acme/api", "docker.io/library/redis", "localhost:5000/team/my_app.v2"]))).toEqual({
      "ghcr.io/acme/api": "api",
      "docker.io/library/redis": "redis",
      "localhost:5000/team/my_app.v2": "my-app-v2",
    });
  });

  it("uses the whole name for images whose last components collide, and only for them", () => {
    const slugs = imageSlugs(["ghcr.io/acme/api", "docker.io/other/api", "ghcr.io/acme/web", "ghcr.io/acme/my_app", "ghcr.io/acme/my-app"]);
    expect(Object.fromEntries(slugs)).toEqual({
      "ghcr.io/acme/api": "ghcr-io-acme-api",
      "docker.io/other/api": "docker-io-other-api",
      "ghcr.io/acme/web": "web",
      "ghcr.io/acme/my_app": "ghcr-io-acme-my-app-7c4ad844",
      "ghcr.io/acme/my-app": "ghcr-io-acme-my-app-501eba6a",
    });
  });

  it("gives the same slugs whatever the order of the list", () => {
    const images = ["ghcr.io/acme/api", "docker.io/other/api", "ghcr.io/acme/web"];
    expect(imageSlugs([...images].reverse())).toEqual(imageSlugs(images));
  });

  it("gives slugs valid as git ref components", () => {
    for (const slug of imageSlugs(["ghcr.io/acme/foo.lock", "ghcr.io/acme/a--b", "ghcr.io/acme/x__y"]).values()) {
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});

describe("promotion names", () => {
  const change = (image: string, tag: string) => ({ image, fromVersion: null, toVersion: { tag, digest: null }, bump: "other" as const });

  it("builds branches", () => {
    expect(promotionBranch("staging", "api")).toBe("promenade/staging/api");
    expect(promotionBranch("staging")).toBe("promenade/staging");
  });

  it("builds titles with the short image name", () => {
    expect(shortImageName("ghcr.io/acme/api")).toBe("api");
    expect(promotionTitle("staging", [change("ghcr.io/acme/api", "1.4.2")])).toBe("Promote api 1.4.2 to staging");
    expect(
      promotionTitle("staging", [change("ghcr.io/acme/api", "1.4.2"), change("ghcr.io/acme/web", "2.0.0"), change("docker.io/library/redis", "7.2.5")]),
    ).toBe("Promote 3 images to staging");
  });
});

/** routeImagePush on the in-memory GitHub and the in-memory index: which repositories of an installation a pushed image goes to. */
import { describe, expect, it } from "vitest";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import type { ImagePush } from "../../src/engine/plan/promotion.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { indexKey } from "../../src/promote/image-routing/repository-index.js";
import { routeImagePush } from "../../src/promote/image-routing/route-image-push.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { createInMemoryIndexStore } from "../../src/service/repository-index/in-memory.js";
import { fixtureFiles, MemoryGitHub } from "../helpers/memory-github.js";
import { observePromotionEvents } from "../../src/promote/promotion-events.js";

const INSTALLATION = 42;
const NOW = new Date("2026-03-02T10:00:00Z");
const FLEET: RepoRef = { owner: "acme", repo: "gitops" };
const SHOP: RepoRef = { owner: "acme", repo: "shop" };
const PLAIN: RepoRef = { owner: "acme", repo: "website" };
const OLD: RepoRef = { owner: "acme", repo: "old-gitops" };

/** An installation of four repositories: the fleet (images listed in its config), the shop (images found in its files), one without a config, one archived. */
function installation() {
  const github = new MemoryGitHub();
  github.now = () => NOW;
  github.addRepository(FLEET, fixtureFiles("fleet"));
  github.addRepository(SHOP, fixtureFiles("shop"));
  github.addRepository(PLAIN, { "README.md": "hello\n" });
  github.addRepository(OLD, fixtureFiles("fleet"));
  github.repository(OLD).archived = true;
  const sent: { repo: RepoRef; push: ImagePush }[] = [];
  const send = async (repo: RepoRef, push: ImagePush) => {
    sent.push({ repo, push });
  };
  return { github, store: createInMemoryIndexStore({ now: () => NOW.getTime() }), sent, send };
}

const names = (repos: readonly RepoRef[]) => repos.map(indexKey).sort();

describe("routeImagePush", () => {
  it("builds the index on first use and sends the push to every repository whose root environments take the image", async () => {
    const { github, store, sent, send } = installation();
    const push = { image: "ghcr.io/acme/api", tag: "1.5.0" };

    const routed = await routeImagePush(github, store, INSTALLATION, push, send, "package");

    expect(names(routed.repositories)).toEqual(["acme/gitops", "acme/shop"]);
    expect(routed.read).toBe(3);
    expect(sent.map(({ repo, push: p }) => [indexKey(repo), p])).toEqual(routed.repositories.map((repo) => [indexKey(repo), push]));
    const slots = await store.read(INSTALLATION);
    expect(new Map([...(slots ?? [])].map(([key, slot]) => [key, slot.entry?.images]))).toEqual(
      new Map([
        ["acme/gitops", ["ghcr.io/acme/api"]],
        ["acme/shop", ["ghcr.io/acme/api", "ghcr.io/acme/worker"]],
        ["acme/website", []],
      ]),
    );
    // The fleet's config lists its images: its files were not read.
    expect(github.calls.filter((call) => call.method === "repoReader").map((call) => indexKey(call.args[0] as RepoRef))).toEqual(["acme/shop"]);
  });

  it("reports where each push went, by its source", async () => {
    const { github, store, send } = installation();
    const reported: [string, string][] = [];
    const restore = observePromotionEvents({
      onPromotion: () => undefined,
      onGate: () => undefined,
      onImageRoute: (source, outcome) => reported.push([source, outcome]),
    });
    try {
      await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/api", tag: "1.5.0" }, send, "package");
      await routeImagePush(github, store, INSTALLATION, { image: "docker.io/acme/nobody", tag: "1.0.0" }, send, "dockerhub");
    } finally {
      restore();
    }
    expect(reported).toEqual([
      ["package", "routed"],
      ["dockerhub", "unreferenced"],
    ]);
  });

  it("answers from the index afterwards, reading nothing, and normalises the image name", async () => {
    const { github, store, send } = installation();
    await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/worker", tag: "2.2.0" }, send, "package");
    const calls = github.calls.length;

    const routed = await routeImagePush(github, store, INSTALLATION, { image: "GHCR.IO/acme/worker", tag: "2.3.0" }, send, "package");

    expect(names(routed.repositories)).toEqual(["acme/shop"]);
    expect(routed.read).toBe(0);
    expect(github.calls.slice(calls)).toEqual([]);
  });

  it("reads again only a repository marked stale: one that just adopted Promenade gets the next push", async () => {
    const { github, store, sent, send } = installation();
    expect(names((await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/web", tag: "1.0.0" }, send, "package")).repositories)).toEqual([]);

    github.pushCommit(PLAIN, "main", {
      [CONFIG_PATH]: "environments:\n  dev: { path: deploy }\n",
      "deploy/deployment.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0.0\n",
    });
    await store.markStale(INSTALLATION, [indexKey(PLAIN)]);
    const routed = await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/web", tag: "1.1.0" }, send, "package");

    expect(names(routed.repositories)).toEqual(["acme/website"]);
    expect(routed.read).toBe(1);
    expect(sent.map(({ repo }) => indexKey(repo))).toEqual(["acme/website"]);

    // Sent on, the push becomes the website's dev PR.
    const report = await promotePushedImage(github, PLAIN, { image: "ghcr.io/acme/web", tag: "1.1.0" });
    expect(report.outcomes.map((o) => o.action)).toEqual(["created"]);
    expect(github.fileAt(PLAIN, "promenade/dev/web", "deploy/deployment.yaml")).toContain("image: ghcr.io/acme/web:1.1.0");
  });

  it("drops from the index a stale repository GitHub no longer shows", async () => {
    const { github, store, send } = installation();
    await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/api", tag: "1.5.0" }, send, "package");
    github.repository(SHOP).archived = true;
    await store.markStale(INSTALLATION, [indexKey(SHOP)]);

    const routed = await routeImagePush(github, store, INSTALLATION, { image: "ghcr.io/acme/api", tag: "1.5.1" }, send, "package");

    expect(names(routed.repositories)).toEqual(["acme/gitops"]);
    expect([...((await store.read(INSTALLATION))?.keys() ?? [])].sort()).toEqual(["acme/gitops", "acme/website"]);
  });
});

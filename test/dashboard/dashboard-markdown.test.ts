import { describe, expect, it } from "vitest";
import type { DashboardModel } from "../../src/engine/dashboard/dashboard-model.js";
import { commandLineResult } from "../../src/engine/markdown/command-reply.js";
import { dashboardBodyMarkdown, dashboardTickReplyMarkdown, readDashboardBody } from "../../src/engine/markdown/dashboard.js";

const KEY = Buffer.from("dashboard-test-key");
const API = "ghcr.io/acme/api";

function model(overrides: Partial<DashboardModel> = {}): DashboardModel {
  return {
    environments: ["dev", "staging"],
    images: [
      {
        image: API,
        shown: "api",
        cells: new Map([
          ["dev", { version: { tag: "1.4.1", digest: null }, since: new Date("2026-11-20T10:00:00Z") }],
          ["staging", { version: { tag: "1.4.0", digest: null }, since: null }],
        ]),
      },
    ],
    promotions: [
      {
        number: 12,
        url: "https://github.com/acme/gitops/pull/12",
        title: "Promote api 1.4.1 to staging",
        environment: "staging",
        gate: "failed",
        gateTitle: "Waiting for 1 approval",
      },
    ],
    holds: [],
    blocked: [],
    drift: [{ environment: "staging", from: "dev", image: API, source: { tag: "1.4.1", digest: null }, target: { tag: "1.4.0", digest: null } }],
    boxes: [{ text: "promote api to staging", action: { name: "promote", image: API, environment: "staging" } }],
    ...overrides,
  };
}

describe("dashboardBodyMarkdown", () => {
  it("shows the versions with since when, the promotion PRs with their gate, the drift and the boxes", () => {
    const body = dashboardBodyMarkdown(model(), "acme/gitops", KEY);
    expect(body).toContain("| `api` | `1.4.1` since 2026-11-20 10:00 UTC | `1.4.0` |");
    expect(body).toContain("| [#12](https://github.com/acme/gitops/pull/12) Promote api 1.4.1 to staging | staging | ❌ failed: Waiting for 1 approval |");
    expect(body).toContain("| staging | `ghcr.io/acme/api` | `1.4.0` | `1.4.1` in dev |");
    expect(body).toContain("\n- [ ] promote api to staging\n");
    expect(body).toContain("No environment is held.");
    expect(body).toContain("No version is blocked.");
  });

  it("is the same text for the same state (so an unchanged dashboard is not written)", () => {
    expect(dashboardBodyMarkdown(model(), "acme/gitops", KEY)).toBe(dashboardBodyMarkdown(model(), "acme/gitops", KEY));
  });

  it("makes names, tags, titles and reasons inert: no mention, no link, no markup, no broken table or box line", () => {
    const evil = "@acme/sre *x* <img src=x> | [a](https://evil) #1\n- [ ] hi";
    const body = dashboardBodyMarkdown(
      model({
        environments: ["dev", "st|aging"],
        images: [{ image: "ghcr.io/acme/@x", shown: "@x`y|", cells: new Map([["dev", { version: { tag: "1|`2", digest: null }, since: null }]]) }],
        promotions: [{ number: 3, url: "https://github.com/acme/gitops/pull/3", title: evil, environment: "dev", gate: "failed", gateTitle: evil }],
        holds: [{ environment: "dev", by: "mallory", reason: evil, at: "2026-11-23T09:00:00Z" }],
        blocked: [{ image: "ghcr.io/acme/api", version: { tag: "1.4.1", digest: null }, environment: "dev", by: "mallory", at: "2026-11-23T09:00:00Z" }],
        drift: [],
        boxes: [{ text: `promote ${evil} to dev`, action: { name: "promote", image: "x", environment: "dev" } }],
      }),
      "acme/gitops",
      KEY,
    );
    expect(body).not.toMatch(/@acme|@mallory|<img|\]\(https:\/\/evil|(?<!\\)\*x/);
    expect(body).toContain("@&#8203;mallory");
    expect(body).toContain("&lt;img src=x&gt;");
    expect(body).toContain("| dev | st\\|aging |");
    expect(body).toContain("`` @x`y\\| ``");
    expect(body.split("\n").filter((line) => line.startsWith("- ["))).toHaveLength(1);
    expect(body).toContain("| `ghcr.io/acme/api` | `1.4.1` | dev | @&#8203;mallory | 2026-11-23 09:00 UTC |");
  });
});

describe("readDashboardBody", () => {
  it("reads back the boxes Promenade rendered, signed for the repository", () => {
    const body = dashboardBodyMarkdown(model(), "acme/gitops", KEY);
    expect(readDashboardBody(body, "acme/gitops", KEY)).toEqual({
      status: "valid",
      boxes: [{ line: "promote api to staging", action: { name: "promote", image: API, environment: "staging" } }],
    });
  });

  it("believes no box added to the data by hand, nor the data of another repository's dashboard", () => {
    const body = dashboardBodyMarkdown(model(), "acme/gitops", KEY);
    expect(readDashboardBody(body.replace('"environment":"staging"', '"environment":"production"'), "acme/gitops", KEY)).toEqual({ status: "forged" });
    expect(readDashboardBody(body, "acme/other", KEY)).toEqual({ status: "forged" });
    expect(readDashboardBody("a dashboard made by hand\n- [ ] promote api to staging", "acme/gitops", KEY)).toEqual({ status: "missing" });
  });
});

describe("dashboardTickReplyMarkdown", () => {
  it("says why each box was not done, as a command reply does, naming the person without mentioning them", () => {
    const reply = dashboardTickReplyMarkdown("mallory", [
      commandLineResult("/promote ghcr.io/acme/api to staging", {
        kind: "missing-permission",
        needed: "write",
        repository: "acme/gitops",
        login: "mallory",
        has: "read",
      }),
    ]);
    expect(reply).toBe(
      "@&#8203;mallory ticked a box on this dashboard; the box is unticked again.\n\n> /promote ghcr.io/acme/api to staging\n\n😕 commands need write permission on acme/gitops; @&#8203;mallory has read\n",
    );
  });
});

import { describe, expect, it } from "vitest";
import { dashboardModel, type DashboardFacts } from "../../src/engine/dashboard/dashboard-model.js";
import { runHistory } from "../../src/engine/dashboard/run-history.js";
import { config, ref } from "../plan/helpers.js";

const API = "ghcr.io/acme/api";
const WORKER = "ghcr.io/acme/worker";

const CONFIG = config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  production: { path: deploy/production, from: staging }
`);

function facts(overrides: Partial<DashboardFacts> = {}): DashboardFacts {
  return {
    config: CONFIG,
    envRefs: new Map([
      ["dev", [ref("deploy/dev/k.yaml", API, "1.4.1"), ref("deploy/dev/k.yaml", WORKER, "2.1.0")]],
      ["staging", [ref("deploy/staging/k.yaml", API, "1.4.0"), ref("deploy/staging/k.yaml", WORKER, "2.1.0")]],
      ["production", [ref("deploy/production/k.yaml", API, "1.3.0")]],
    ]),
    records: new Map(),
    promotions: [],
    holds: [],
    blocked: [],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const v = (tag: string) => ({ tag, digest: null });

describe("dashboardModel", () => {
  it("shows each image's version per environment, the drift from `from`, and a promote box where /promote would open a PR", () => {
    const model = dashboardModel(facts());
    expect(model.environments).toEqual(["dev", "staging", "production"]);
    expect(model.images.map((row) => [row.shown, [...row.cells].map(([env, cell]) => `${env}=${cell.version.tag}`)])).toEqual([
      ["api", ["dev=1.4.1", "staging=1.4.0", "production=1.3.0"]],
      ["worker", ["dev=2.1.0", "staging=2.1.0"]],
    ]);
    expect(model.drift).toEqual([
      { environment: "staging", from: "dev", image: API, source: v("1.4.1"), target: v("1.4.0") },
      { environment: "production", from: "staging", image: API, source: v("1.4.0"), target: v("1.3.0") },
    ]);
    expect(model.boxes).toEqual([
      { text: "promote api to staging", action: { name: "promote", image: API, environment: "staging" } },
      { text: "promote api to production", action: { name: "promote", image: API, environment: "production" } },
    ]);
  });

  it("offers no promote box into a held environment, nor one into an environment that runs a newer version than its source", () => {
    const held = dashboardModel(facts({ holds: [{ environment: "staging", by: "alice", reason: null, at: "2026-11-23T09:00:00Z" }] }));
    expect(held.boxes.map((box) => box.text)).toEqual(["promote api to production"]);
    const newer = dashboardModel(
      facts({
        envRefs: new Map([
          ["dev", [ref("deploy/dev/k.yaml", API, "1.4.0")]],
          ["staging", [ref("deploy/staging/k.yaml", API, "1.5.0")]],
          ["production", [ref("deploy/production/k.yaml", API, "1.5.0")]],
        ]),
      }),
    );
    expect(newer.boxes).toEqual([]);
    expect(newer.drift.map((entry) => entry.environment)).toEqual(["staging"]);
  });

  it("says since when a version runs from Promenade's records, and offers a rollback where they know an earlier version", () => {
    const records = new Map([
      [
        "production",
        [
          { at: at("2026-11-20T10:00:00Z"), versions: new Map([[API, v("1.3.0")]]) },
          { at: at("2026-11-10T10:00:00Z"), versions: new Map([[API, v("1.3.0")]]) },
          { at: at("2026-11-01T10:00:00Z"), versions: new Map([[API, v("1.2.0")]]) },
        ],
      ],
      ["staging", [{ at: at("2026-11-21T10:00:00Z"), versions: new Map([[API, v("1.4.0")]]) }]],
    ]);
    const model = dashboardModel(facts({ records }));
    const api = model.images.find((row) => row.image === API);
    expect(api?.cells.get("production")?.since).toEqual(at("2026-11-10T10:00:00Z"));
    expect(api?.cells.get("staging")?.since).toEqual(at("2026-11-21T10:00:00Z"));
    expect(api?.cells.get("dev")?.since).toBeNull();
    expect(model.boxes.filter((box) => box.action.name === "rollback")).toEqual([
      { text: "roll back api in production", action: { name: "rollback", environment: "production", image: API } },
    ]);
  });

  it("names images by their whole name when two share the last component", () => {
    const model = dashboardModel(
      facts({
        envRefs: new Map([
          ["dev", [ref("deploy/dev/k.yaml", API, "1"), ref("deploy/dev/k.yaml", "docker.io/acme/api", "1")]],
          ["staging", []],
          ["production", []],
        ]),
      }),
    );
    expect(model.images.map((row) => row.shown)).toEqual(["docker.io/acme/api", API]);
  });
});

describe("runHistory", () => {
  it("knows nothing when the newest record does not run the version", () => {
    expect(runHistory([{ at: at("2026-11-01T00:00:00Z"), versions: new Map([[API, v("1.2.0")]]) }], API, v("1.3.0"))).toEqual({ since: null, previous: null });
  });

  it("stops at a record that does not name the image", () => {
    const records = [
      { at: at("2026-11-02T00:00:00Z"), versions: new Map([[API, v("1.3.0")]]) },
      { at: at("2026-11-01T00:00:00Z"), versions: new Map([[WORKER, v("1.0.0")]]) },
    ];
    expect(runHistory(records, API, v("1.3.0"))).toEqual({ since: at("2026-11-02T00:00:00Z"), previous: null });
  });

  it("counts a record without a digest as running the version with one", () => {
    const records = [
      { at: at("2026-11-02T00:00:00Z"), versions: new Map([[API, { tag: "1.3.0", digest: null }]]) },
      { at: at("2026-11-01T00:00:00Z"), versions: new Map([[API, v("1.2.0")]]) },
    ];
    expect(runHistory(records, API, { tag: "1.3.0", digest: `sha256:${"a".repeat(64)}` })).toEqual({ since: at("2026-11-02T00:00:00Z"), previous: v("1.2.0") });
  });
});

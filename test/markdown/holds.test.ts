import { describe, expect, it } from "vitest";
import { readHoldsIssueBody, holdsIssueBodyMarkdown, holdsIssueChangeMarkdown, type BlockedVersion, type Hold } from "../../src/engine/markdown/holds.js";
import { signedDataBlock } from "../../src/engine/markdown/signed-block.js";

const KEY = Buffer.from("key one");
const HOLDS: Hold[] = [
  { environment: "staging", by: "bob", reason: null, at: "2026-11-23T09:00:00Z" },
  { environment: "production", by: "alice", reason: "@acme/sre **urgent** <img src=x> [x](http://evil) #1", at: "2026-11-23T09:30:00Z" },
];

describe("the holds issue body", () => {
  const body = holdsIssueBodyMarkdown({ holds: HOLDS, revision: 3 }, "acme/gitops", KEY);

  it("is read back as the holds it records, sorted by environment, and how many times Promenade wrote it", () => {
    expect(readHoldsIssueBody(body, "acme/gitops", KEY)).toEqual({ status: "valid", holds: [HOLDS[1], HOLDS[0]], blocks: [], revision: 3 });
  });

  it("is, without blocked versions, exactly what Promenade wrote before versions could be blocked, so an existing issue still reads, unchanged", () => {
    const before = signedDataBlock({ revision: 3, holds: [HOLDS[1], HOLDS[0]] }, "acme/gitops holds", KEY);
    expect(body.endsWith(`${before}\n`)).toBe(true);
    expect(body).not.toContain("blocked");
    expect(holdsIssueBodyMarkdown({ holds: HOLDS, blocks: [], revision: 3 }, "acme/gitops", KEY)).toBe(body);
  });

  it("names who held each environment and why as inert text: no mention, no markup", () => {
    const table = body.split("<!--")[0] as string;
    expect(table).toContain(
      "| `production` | @&#8203;alice | @&#8203;acme/sre \\*\\*urgent\\*\\* &lt;img src=x&gt; \\[x\\](http:&#8203;//evil) #&#8203;1 | 2026-11-23 09:30 UTC |",
    );
    expect(table).toContain("| `staging` | @&#8203;bob | — | 2026-11-23 09:00 UTC |");
  });

  it("says when no environment is held", () => {
    expect(holdsIssueBodyMarkdown({ holds: [], revision: 1 }, "acme/gitops", KEY)).toContain("No environment is held.");
  });

  it.each([
    ["its record edited", body.replace('"environment":"production"', '"environment":"dev"')],
    ["a hold removed from its record", body.replace(/\{"environment":"production"[^}]*\},?/, "")],
    ["the record of another repository", holdsIssueBodyMarkdown({ holds: HOLDS, revision: 3 }, "acme/other", KEY)],
    ["a promotion PR's signed data for this repository", signedDataBlock({ revision: 1, holds: [] }, "acme/gitops", KEY)],
    ["a record signed with another key", holdsIssueBodyMarkdown({ holds: [], revision: 1 }, "acme/gitops", Buffer.from("key two"))],
    ["a record without its signature", '<!-- promenade: {"revision":1,"holds":[]} -->'],
  ])("calls %s forged", (_name, text) => {
    expect(readHoldsIssueBody(text, "acme/gitops", KEY)).toEqual({ status: "forged" });
  });

  it("finds no record in a body without one", () => {
    expect(readHoldsIssueBody("Hold everything!", "acme/gitops", KEY)).toEqual({ status: "missing" });
  });
});

describe("blocked versions in the holds issue body", () => {
  const BLOCKS: BlockedVersion[] = [
    { image: "ghcr.io/acme/web", version: { tag: "2.0.0", digest: null }, environment: "dev", by: "bob", at: "2026-11-23T10:00:00Z" },
    { image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, environment: "staging", by: "alice", at: "2026-11-23T10:00:00Z" },
    { image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, environment: "dev", by: "alice", at: "2026-11-23T10:00:00Z" },
  ];
  const body = holdsIssueBodyMarkdown({ holds: [], blocks: BLOCKS, revision: 2 }, "acme/gitops", KEY);

  it("are read back with the holds, sorted by image, version and environment", () => {
    expect(readHoldsIssueBody(body, "acme/gitops", KEY)).toEqual({ status: "valid", holds: [], blocks: [BLOCKS[2], BLOCKS[1], BLOCKS[0]], revision: 2 });
  });

  it("are listed in a table, who blocked each named without a mention, with how to lift them", () => {
    const text = body.split("<!--")[0] as string;
    expect(text).toContain("until someone comments `/unblock <image> <version>`");
    expect(text).toContain("| `ghcr.io/acme/api` | `1.5.0` | `dev` | @&#8203;alice | 2026-11-23 10:00 UTC |");
    expect(text).toContain("| `ghcr.io/acme/web` | `2.0.0` | `dev` | @&#8203;bob | 2026-11-23 10:00 UTC |");
  });

  it.each([
    ["a block removed from its record", body.replace(/\{"image":"ghcr.io\/acme\/web"[^}]*\}[^}]*\},?/, "")],
    ["its blocks emptied", body.replace(/"blocks":\[[^\]]*\]/, '"blocks":[]')],
    [
      "a block added to a record without any",
      holdsIssueBodyMarkdown({ holds: HOLDS, revision: 3 }, "acme/gitops", KEY).replace('"holds":[', `"blocks":${JSON.stringify(BLOCKS)},"holds":[`),
    ],
  ])("calls %s forged", (_name, text) => {
    expect(text).not.toBe(body);
    expect(readHoldsIssueBody(text, "acme/gitops", KEY)).toEqual({ status: "forged" });
  });
});

describe("what a command reply says of a holds issue changed by hand", () => {
  it.each([
    ["edited", "⚠️ The holds issue #90 was changed by hand; the change was ignored. Promenade writes the issue back with its next change of holds."],
    ["closed", "⚠️ The holds issue #90 was closed by hand; the holds in it stay. Promenade opens it again with its next change of holds."],
    [
      "lost",
      "⚠️ The holds issue #90 was changed by hand, so Promenade can no longer tell which environments are held: every environment counts as held until `/unhold <environment>` lifts it (from one of its reviewers, where it has some). Which versions `/rollback` blocked cannot be told either: none counts as blocked.",
    ],
  ] as const)("%s", (kind, text) => {
    expect(holdsIssueChangeMarkdown({ kind, issue: 90 })).toBe(text);
  });
});

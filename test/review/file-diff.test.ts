import { describe, expect, it } from "vitest";
import { fileDiff } from "../../src/engine/review/file-diff.js";

const SECRET = (password: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${password}\n  user: app\n`;

describe("fileDiff", () => {
  it("counts the lines a modified file adds and removes", () => {
    const diff = fileDiff({ path: "deploy/dev/values.yaml", before: "a: 1\nb: 2\nc: 3\n", after: "a: 1\nb: 20\nc: 30\nd: 4\n" });
    expect(diff).toMatchInlineSnapshot(`
      {
        "added": 3,
        "diff": "--- a/deploy/dev/values.yaml
      +++ b/deploy/dev/values.yaml
      @@ -1,3 +1,4 @@
       a: 1
      -b: 2
      -c: 3
      +b: 20
      +c: 30
      +d: 4
      ",
        "masked": 0,
        "path": "deploy/dev/values.yaml",
        "removed": 2,
        "status": "modified",
      }
    `);
  });

  it("shows an added file as all additions and a removed one as all removals", () => {
    const added = fileDiff({ path: "deploy/dev/new.yaml", before: null, after: "a: 1\nb: 2\n" });
    const removed = fileDiff({ path: "deploy/dev/old.yaml", before: "a: 1\n", after: null });
    expect([added.status, added.added, added.removed]).toEqual(["added", 2, 0]);
    expect([removed.status, removed.added, removed.removed]).toEqual(["removed", 0, 1]);
    expect(removed.diff).toBe("--- a/deploy/dev/old.yaml\n+++ b/deploy/dev/old.yaml\n@@ -1 +0,0 @@\n-a: 1\n");
  });

  it("counts changed lines that look like the diff's header", () => {
    const diff = fileDiff({ path: "deploy/dev/notes.yaml", before: "-- old\nkeep\n", after: "++ new\nkeep\n" });
    expect([diff.added, diff.removed]).toEqual([1, 1]);
  });

  it("does not show a file without text on either side", () => {
    expect(fileDiff({ path: "deploy/dev/logo.png", before: null, after: null })).toEqual({
      path: "deploy/dev/logo.png",
      status: "not shown",
      diff: "",
      added: 0,
      removed: 0,
      masked: 0,
    });
  });

  it("masks a Secret's values and counts them", () => {
    const diff = fileDiff({ path: "deploy/dev/secret.yaml", before: SECRET("hunter2-old"), after: SECRET("hunter2-new") });
    expect(diff.diff).not.toContain("hunter2");
    expect(diff).toMatchInlineSnapshot(`
      {
        "added": 1,
        "diff": "--- a/deploy/dev/secret.yaml
      +++ b/deploy/dev/secret.yaml
      @@ -3,5 +3,5 @@
       metadata:
         name: db
       stringData:
      -  password: ••••••
      +  password: •••••• (changed)
         user: ••••••
      ",
        "masked": 2,
        "path": "deploy/dev/secret.yaml",
        "removed": 1,
        "status": "modified",
      }
    `);
  });
});

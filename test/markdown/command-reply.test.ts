import { describe, expect, it } from "vitest";
import { commandLineResult, commandReplyMessage, isDone, type CommandReply } from "../../src/engine/markdown/command-reply.js";

describe("commandReplyMessage", () => {
  it.each<[CommandReply, string]>([
    [
      { kind: "held", environment: "production", reason: "incident @alice" },
      "**production** is held: incident @&#8203;alice. No promotion PR opens into it and its gate fails until `/unhold production`.",
    ],
    [{ kind: "unheld", environment: "production" }, "**production** is no longer held; promotions into it resume with the next change."],
    [{ kind: "not-held", environment: "production" }, "**production** is not held."],
    [
      {
        kind: "rollback-opened",
        title: "Roll back api to 1.4.0 in dev",
        url: "https://github.com/acme/gitops/pull/9",
        blocked: { image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, environments: ["dev", "staging"] },
      },
      "Roll back api to 1.4.0 in dev: https://github.com/acme/gitops/pull/9. `ghcr.io/acme/api` 1.5.0 is now blocked in **dev**, **staging**: no automatic promotion proposes it there again, and the gate of a PR that brings it there fails, until `/unblock ghcr.io/acme/api 1.5.0` (a newer version is proposed as usual).",
    ],
    [
      { kind: "unblocked", image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, environments: ["dev", "staging"] },
      "`ghcr.io/acme/api` 1.5.0 is no longer blocked in **dev**, **staging**; it may be proposed there again.",
    ],
    [
      { kind: "not-blocked", image: "api", version: "@alice", blocked: ["ghcr.io/acme/web 2.0.0"] },
      "`api` @&#8203;alice is not blocked in any environment (blocked: `ghcr.io/acme/web 2.0.0`).",
    ],
    [{ kind: "not-blocked", image: "ghcr.io/acme/api", version: "1.5.0", blocked: [] }, "`ghcr.io/acme/api` 1.5.0 is not blocked in any environment."],
    [
      { kind: "environment-held", environment: "production", by: "alice", reason: null },
      "**production** is held by @&#8203;alice: `/unhold production` first.",
    ],
    [
      { kind: "nothing-to-promote", image: "ghcr.io/acme/api", environment: "production", from: "staging", skipped: null },
      "Nothing to promote: `ghcr.io/acme/api` to **production**: neither staging nor production references it.",
    ],
    [
      {
        kind: "promoted",
        promotions: [
          { title: "Promote api 1.4.0 to production", url: "https://github.com/acme/gitops/pull/9", action: "created" },
          { title: "Promote web", url: null, action: "nothing" },
        ],
      },
      "Promote api 1.4.0 to production: https://github.com/acme/gitops/pull/9 (created)\nPromote web",
    ],
    [
      { kind: "checked", gates: [{ environment: "production", passed: false, title: "approvals 0/1" }] },
      "Checked again: the comment and the `promenade/policy` check are up to date.\n**production**: approvals 0/1",
    ],
    [{ kind: "checked-nothing", gateUpToDate: true }, "Checked: this pull request changes no environment's files. Its `promenade/gate` check is up to date."],
    [{ kind: "not-merged", missing: [] }, "Not merged yet: its checks have not all passed, or GitHub refused the merge (branch protection)."],
    [
      { kind: "missing-permission", needed: "write", repository: "acme/gitops", login: "mallory", has: "read" },
      "commands need write permission on acme/gitops; @&#8203;mallory has read",
    ],
    [
      { kind: "not-understood", message: "unknown command /promot", suggestion: "promote", usage: "/promote <image> to <environment>" },
      "unknown command /promot (did you mean `/promote`?). Usage: `/promote <image> to <environment>`",
    ],
    [
      { kind: "already-runs", environment: "production", image: "ghcr.io/acme/api", version: { tag: "1.4.0", digest: null } },
      "**production** already runs `ghcr.io/acme/api` 1.4.0.",
    ],
    [
      { kind: "no-earlier-version", environment: "production", image: "ghcr.io/acme/api", imageText: null, history: 20 },
      "no earlier version of `ghcr.io/acme/api` in the last 20 changes of **production**: name one, like `/rollback production <image> to <version>`.",
    ],
  ])("renders %j", (reply, text) => {
    expect(commandReplyMessage(reply)).toBe(text);
  });

  it("lists the blocked versions of the images /where shows, under the table", () => {
    const versions = new Map([
      ["dev", new Map([["ghcr.io/acme/api", { tag: "1.4.0", digest: null }]])],
      ["staging", new Map([["ghcr.io/acme/api", { tag: "1.5.0", digest: null }]])],
    ]);
    const block = (environment: string, image = "ghcr.io/acme/api") => ({
      image,
      version: { tag: "1.5.0", digest: null },
      environment,
      by: "alice",
      at: "2026-03-02T10:00:00Z",
    });
    const message = commandReplyMessage({ kind: "where", versions, holds: [], blocks: [block("staging"), block("dev"), block("dev", "ghcr.io/acme/web")] });
    expect(message.split("\n\n").at(-1)).toBe(
      "- ⛔ `ghcr.io/acme/api` 1.5.0 is blocked in **dev**, **staging** by @&#8203;alice since 2026-03-02 10:00 UTC (`/unblock ghcr.io/acme/api 1.5.0` lifts it)",
    );
  });

  it("marks what was done 🚀 and what was refused 😕", () => {
    expect(isDone({ kind: "help" })).toBe(true);
    expect(isDone({ kind: "unblocked", image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, environments: ["dev"] })).toBe(true);
    expect(isDone({ kind: "not-blocked", image: "api", version: "1.5.0", blocked: [] })).toBe(false);
    expect(isDone({ kind: "no-config" })).toBe(false);
    expect(commandLineResult("/where", { kind: "where", versions: new Map(), holds: [] })).toEqual({
      text: "/where",
      ok: true,
      message: "No environment runs an image Promenade knows of.",
    });
  });
});

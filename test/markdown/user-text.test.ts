/** Text people wrote, as Promenade writes it back: no mention, no issue link, no markup, wherever it shows. */
import { describe, expect, it } from "vitest";
import { evaluateGate } from "../../src/engine/gate/index.js";
import { commandReplyMarkdown } from "../../src/engine/markdown/command-reply.js";
import { configFixedCommentMarkdown } from "../../src/engine/markdown/config-issue.js";
import { gateCheckMarkdown, gateSectionMarkdown } from "../../src/engine/markdown/gate.js";
import { whereTableMarkdown } from "../../src/engine/markdown/where-table.js";
import { FRIDAY_EVENING, waitingInput } from "../gate/gate-input.js";

const REASON = "@acme/sre **urgent** <img src=x> [x](http://evil) #1";
const INERT = "@&#8203;acme/sre \\*\\*urgent\\*\\* &lt;img src=x&gt; \\[x\\](http:&#8203;//evil) #&#8203;1";
/** As the gate shows it: people and teams as code. */
const GATE_INERT = "`@acme/sre` \\*\\*urgent\\*\\* &lt;img src=x&gt; \\[x\\](http:&#8203;//evil) #&#8203;1";

describe("a hold reason", () => {
  const held = evaluateGate(waitingInput({ hold: { by: "carol", reason: REASON, at: FRIDAY_EVENING } }), FRIDAY_EVENING);

  it("is inert in the gate section of the Promenade comment, who held it named as code", () => {
    expect(gateSectionMarkdown("production", held)).toContain(
      `- ❌ production held by \`@carol\` since 2026-03-27 17:00 UTC: ${GATE_INERT} (\`/unhold production\` resumes)`,
    );
  });

  it("is inert in the promenade/gate check run", () => {
    expect(gateCheckMarkdown("production", held).summary).toContain(
      `| ❌ | hold | production held by \`@carol\` since 2026-03-27 17:00 UTC: ${GATE_INERT} (\`/unhold production\` resumes) |`,
    );
  });

  it("is inert in the /where reply, who held it named without a mention", () => {
    const versions = new Map([["production", new Map([["ghcr.io/acme/api", { tag: "1.4.0", digest: null }]])]]);
    const where = whereTableMarkdown(versions, [{ environment: "production", by: "carol", reason: REASON, at: "2026-11-23T09:00:00Z" }]);
    expect(where).toContain(`- ⏸️ **production** is held by @&#8203;carol since 2026-11-23 09:00 UTC: ${INERT}`);
  });
});

describe("a command line", () => {
  it("is quoted inert in the reply", () => {
    const reply = commandReplyMarkdown(1, [{ text: `/hold production ${REASON}`, ok: true, message: "done" }]);
    expect(reply).toContain(`> /hold production ${INERT}\n\n🚀 done`);
  });
});

describe("a branch name", () => {
  it("is code, whatever backticks it holds", () => {
    expect(configFixedCommentMarkdown("ma`in", "c0ffee0")).toContain("on `` ma`in `` is valid again");
  });
});

import { describe, expect, it } from "vitest";
import { parseCommands, type Command, type CommandLine, type CommandProblem } from "../../src/engine/commands/index.js";

/** The one command line of `body`; fails when there is not exactly one. */
function only(body: string): CommandLine {
  const lines = parseCommands(body);
  expect(lines).toHaveLength(1);
  return lines[0] as CommandLine;
}

const PROMOTE_USAGE = "/promote <image> to <env>";
const HOLD_USAGE = "/hold <env> [reason]";
const ROLLBACK_USAGE = "/rollback <env> [<image>] [to <version>]";

function hold(environment: string, reason: string | null): Command {
  return { name: "hold", environment, reason };
}

function usage(message: string, usageLine: string): CommandProblem {
  return { kind: "usage", message, usage: usageLine };
}

describe("parseCommands: valid commands", () => {
  it.each<[string, Command]>([
    ["/promote api to staging", { name: "promote", image: "api", environment: "staging" }],
    ["/promote ghcr.io/acme/api to production", { name: "promote", image: "ghcr.io/acme/api", environment: "production" }],
    ["/promote api:1.2 to staging", { name: "promote", image: "api:1.2", environment: "staging" }],
    ["/PROMOTE Api TO Staging", { name: "promote", image: "Api", environment: "Staging" }],
    ["/Promote api To prod-eu", { name: "promote", image: "api", environment: "prod-eu" }],
    ['/promote "api" to "staging"', { name: "promote", image: "api", environment: "staging" }],
    ["/promote   api\tto   staging  ", { name: "promote", image: "api", environment: "staging" }],
    ["   /promote api to staging", { name: "promote", image: "api", environment: "staging" }],
    // The environment is taken as written: whoever runs the command reports an unknown one.
    ["/promote api to @production", { name: "promote", image: "api", environment: "@production" }],
    // A quoted "to" is an argument, not the keyword.
    ['/promote api to "to"', { name: "promote", image: "api", environment: "to" }],
    ["/promote", { name: "promote-this" }],
    ["/promote   ", { name: "promote-this" }],
    ["/rollback production", { name: "rollback", environment: "production", image: null, version: null }],
    ["/rollback production api", { name: "rollback", environment: "production", image: "api", version: null }],
    ["/rollback production api to 1.4.1", { name: "rollback", environment: "production", image: "api", version: "1.4.1" }],
    ["/rollback production to 1.4.1", { name: "rollback", environment: "production", image: null, version: "1.4.1" }],
    ["/ROLLBACK Production API TO v1.4.1-RC1", { name: "rollback", environment: "Production", image: "API", version: "v1.4.1-RC1" }],
    ["/hold production", hold("production", null)],
    ["/hold production incident 42: db failover", hold("production", "incident 42: db failover")],
    ['/hold production "incident  42"', hold("production", "incident  42")],
    ["/hold production 'db migration'", hold("production", "db migration")],
    ["/hold production \u201cfrom my phone\u201d", hold("production", "from my phone")],
    ["/hold production don't deploy, it's Friday", hold("production", "don't deploy, it's Friday")],
    ['/hold production "db" migration, to be safe', hold("production", '"db" migration, to be safe')],
    ["/hold production -- see #12", hold("production", "-- see #12")],
    ['/hold production ""', hold("production", null)],
    ["/hold production   spaced   out  ", hold("production", "spaced   out")],
    ["/HOLD Staging Reason As Written", hold("Staging", "Reason As Written")],
    ["/unhold production", { name: "unhold", environment: "production" }],
    ["/unblock api 1.5.0", { name: "unblock", image: "api", version: "1.5.0" }],
    ["/UNBLOCK ghcr.io/acme/api 1.5.0@sha256:abc", { name: "unblock", image: "ghcr.io/acme/api", version: "1.5.0@sha256:abc" }],
    ["/where", { name: "where", image: null }],
    ["/where api", { name: "where", image: "api" }],
    ["/check", { name: "check" }],
    ["/help", { name: "help" }],
    ["/Help", { name: "help" }],
    ["/promote api to staging <!-- from the runbook -->", { name: "promote", image: "api", environment: "staging" }],
  ])("%s", (body, command) => {
    expect(only(body)).toEqual({ ok: true, line: 1, text: body.trim(), command });
  });
});

describe("parseCommands: malformed commands", () => {
  it.each<[string, CommandProblem]>([
    ['/promote "api to staging', usage('unclosed quote in /promote "api to staging', PROMOTE_USAGE)],
    ["/hold production 'db migration", usage("unclosed quote in /hold production 'db migration", HOLD_USAGE)],
    ['/hold "production', usage('unclosed quote in /hold "production', HOLD_USAGE)],
    ['/promote "" to staging', usage('empty argument "" in /promote "" to staging', PROMOTE_USAGE)],
    ["/promote api to staging --force", usage("unknown option --force", PROMOTE_USAGE)],
    ["/rollback --dry-run production", usage("unknown option --dry-run", ROLLBACK_USAGE)],
    ["/hold --all", usage("unknown option --all", HOLD_USAGE)],
    ["/hold production --reason maintenance", usage("unknown option --reason", HOLD_USAGE)],
    ["/check --now", usage("unknown option --now", "/check")],
    ["/check now please", usage("unexpected words after /check: now please", "/check")],
    ["/help me", usage("unexpected word after /help: me", "/help")],
    ["/unhold production now", usage("unexpected word after /unhold production: now", "/unhold <env>")],
    ["/where api staging", usage("unexpected word after /where api: staging", "/where [<image>]")],
    ["/promote api to staging and production", usage("unexpected words after /promote api to staging: and production", PROMOTE_USAGE)],
    ["/rollback production api 1.4.1", usage("unexpected word after /rollback production api: 1.4.1", ROLLBACK_USAGE)],
    ["/rollback production api to 1.4.1 'right now'", usage("unexpected word after /rollback production api to 1.4.1: 'right now'", ROLLBACK_USAGE)],
    ["/promote api", usage('/promote needs "to <env>" after the image: /promote <image> to <env>', PROMOTE_USAGE)],
    ["/promote api staging", usage('/promote needs "to" before the environment: /promote <image> to <env>', PROMOTE_USAGE)],
    ["/promote api to", usage('/promote needs an environment after "to": /promote <image> to <env>', PROMOTE_USAGE)],
    ["/promote to staging", usage('/promote needs an image before "to": /promote <image> to <env>', PROMOTE_USAGE)],
    ["/rollback", usage(`/rollback needs an environment: ${ROLLBACK_USAGE}`, ROLLBACK_USAGE)],
    ["/rollback to 1.4.1", usage(`/rollback needs an environment: ${ROLLBACK_USAGE}`, ROLLBACK_USAGE)],
    ["/rollback production api to", usage(`/rollback needs a version after "to": ${ROLLBACK_USAGE}`, ROLLBACK_USAGE)],
    ["/rollback production to", usage(`/rollback needs a version after "to": ${ROLLBACK_USAGE}`, ROLLBACK_USAGE)],
    ["/hold", usage("/hold needs an environment: /hold <env> [reason]", HOLD_USAGE)],
    ["/unhold", usage("/unhold needs an environment: /unhold <env>", "/unhold <env>")],
    ["/unblock", usage("/unblock needs an image: /unblock <image> <version>", "/unblock <image> <version>")],
    ["/unblock api", usage("/unblock needs a version after the image: /unblock <image> <version>", "/unblock <image> <version>")],
    ["/unblock api 1.5.0 in dev", usage("unexpected words after /unblock api 1.5.0: in dev", "/unblock <image> <version>")],
    ["/unblock api --all", usage("unknown option --all", "/unblock <image> <version>")],
  ])("%s", (body, problem) => {
    expect(only(body)).toEqual({ ok: false, line: 1, text: body, problem });
  });
});

describe("parseCommands: unknown commands", () => {
  it.each<[string, CommandProblem]>([
    ["/promot api to staging", { kind: "unknown-command", message: "unknown command /promot", suggestion: "promote", usage: PROMOTE_USAGE }],
    ["/PROMTOE api to staging", { kind: "unknown-command", message: "unknown command /PROMTOE", suggestion: "promote", usage: PROMOTE_USAGE }],
    ["/rolback production", { kind: "unknown-command", message: "unknown command /rolback", suggestion: "rollback", usage: ROLLBACK_USAGE }],
    ["/unhodl production", { kind: "unknown-command", message: "unknown command /unhodl", suggestion: "unhold", usage: "/unhold <env>" }],
    ["/unblcok api 1.5.0", { kind: "unknown-command", message: "unknown command /unblcok", suggestion: "unblock", usage: "/unblock <image> <version>" }],
    ["/deploy api", { kind: "unknown-command", message: "unknown command /deploy" }],
    ["/promote-this", { kind: "unknown-command", message: "unknown command /promote-this" }],
    ["/x", { kind: "unknown-command", message: "unknown command /x" }],
  ])("%s", (body, problem) => {
    expect(only(body)).toEqual({ ok: false, line: 1, text: body, problem });
  });
});

describe("parseCommands: what is not a command", () => {
  it.each<[string, string]>([
    ["empty body", ""],
    ["plain text", "LGTM, ship it"],
    ["a slash later in the line", "please /promote api to staging"],
    ["a mention first", "@promenade /promote api to staging"],
    ["a list item", "- /promote api to staging"],
    ["inline code", "`/promote api to staging`"],
    ["a path", "/etc/hosts is wrong"],
    ["an API path", "/api/v1 returns 500 since 1.4.2"],
    ["a path ending in a slash", "/promote/ to staging"],
    ["a lone slash", "/"],
    ["two slashes", "// TODO"],
    ["digits", "/123"],
    ["punctuation after the word", "/help?"],
    ["a backtick fence", "```\n/promote api to staging\n```"],
    ["a backtick fence with a language", "```bash\n/promote api to staging\n```"],
    ["a longer backtick fence with a shorter one inside", "````md\n```\n/promote api to staging\n```\n/hold production\n````"],
    ["a tilde fence", "~~~\n/promote api to staging\n~~~"],
    ["a tilde fence with a language", "~~~text\n/hold production\n~~~"],
    ["a tilde fence not closed by backticks", "~~~\n```\n/hold production\n"],
    ["an unclosed fence", "Try this:\n```\n/promote api to staging\n\n/hold production"],
    ["a fence in a list item", "1. run\n   ```\n   /promote api to staging\n   ```"],
    ["a block quote", "> /promote api to staging"],
    ["a quoted earlier comment", "> @alice wrote:\n> /hold production incident\n>\n> /unhold production"],
    ["a nested block quote", ">> /check"],
    ["indented code, four spaces", "Run:\n\n    /promote api to staging"],
    ["indented code, a tab", "\t/promote api to staging"],
    ["indented code, a space and a tab", " \t/check"],
    ["an HTML comment on one line", "<!-- /promote api to staging -->"],
    ["an HTML comment over lines", "<!--\n/promote api to staging\n/hold production\n-->"],
    ["an HTML comment opened mid-line", "Notes <!-- draft\n/promote api to staging\n-->"],
    ["text after a comment that closes on the line", "<!--\nhidden\n--> /check"],
    ["an unclosed HTML comment", '<!-- promenade: {"v":1}\n/check'],
  ])("%s", (_, body) => {
    expect(parseCommands(body)).toEqual([]);
  });
});

describe("parseCommands: whole comments", () => {
  it("reads several commands, one a line, with their line numbers, the problems among them in place", () => {
    const body = 'Rolling back, see the incident.\n\n/hold production "bad release"\n/rollback production api to 1.4.1\n/promot api to staging\n/where api\n';
    expect(parseCommands(body)).toEqual([
      { ok: true, line: 3, text: '/hold production "bad release"', command: hold("production", "bad release") },
      {
        ok: true,
        line: 4,
        text: "/rollback production api to 1.4.1",
        command: { name: "rollback", environment: "production", image: "api", version: "1.4.1" },
      },
      {
        ok: false,
        line: 5,
        text: "/promot api to staging",
        problem: { kind: "unknown-command", message: "unknown command /promot", suggestion: "promote", usage: PROMOTE_USAGE },
      },
      { ok: true, line: 6, text: "/where api", command: { name: "where", image: "api" } },
    ]);
  });

  it.each([
    ["CRLF", "\r\n"],
    ["lone CR", "\r"],
    ["LF", "\n"],
  ])("ends lines at %s", (_, eol) => {
    const body = ["/hold production db failover", "```", "/check", "```", "/unhold staging", ""].join(eol);
    expect(parseCommands(body)).toEqual([
      { ok: true, line: 1, text: "/hold production db failover", command: hold("production", "db failover") },
      { ok: true, line: 5, text: "/unhold staging", command: { name: "unhold", environment: "staging" } },
    ]);
  });

  it("takes commands again after a closed fence, quote or HTML comment, and skips Promenade's hidden markers", () => {
    const body = [
      "> /hold production",
      "",
      "```",
      "/check",
      "```",
      "<!-- promenade:review -->",
      '<!-- promenade: {"image":"api"} -->',
      "<!--",
      "/help",
      "-->",
      "~~~~",
      "~~~",
      "/check",
      "~~~~",
      "/where",
    ].join("\n");
    expect(parseCommands(body)).toEqual([{ ok: true, line: 15, text: "/where", command: { name: "where", image: null } }]);
  });

  it("does not open a fence on a line of inline code with three backticks", () => {
    expect(parseCommands("```code``` here\n/check")).toEqual([{ ok: true, line: 2, text: "/check", command: { name: "check" } }]);
  });

  it("keeps the line as written in text, and parses it without its HTML comments", () => {
    expect(only("/hold production <!-- hidden --> db failover")).toEqual({
      ok: true,
      line: 1,
      text: "/hold production <!-- hidden --> db failover",
      command: hold("production", "db failover"),
    });
    expect(parseCommands("/hold production <!-- hidden\n/check\n--> later\n/help")).toEqual([
      { ok: true, line: 1, text: "/hold production <!-- hidden", command: hold("production", null) },
      { ok: true, line: 4, text: "/help", command: { name: "help" } },
    ]);
  });

  it("ignores a byte-order mark before the first line", () => {
    expect(parseCommands("\uFEFF/check")).toEqual([{ ok: true, line: 1, text: "/check", command: { name: "check" } }]);
  });
});

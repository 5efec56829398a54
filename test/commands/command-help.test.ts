import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { commandHelpMarkdown } from "../../src/engine/markdown/command-help.js";

const DOCUMENTED_CONFIG = `
environments:
  dev: { path: deploy/overlays/dev, autoMerge: true }
  staging: { path: deploy/overlays/staging, from: dev }
  production:
    path: deploy/overlays/production
    from: staging
    requires: { approvals: 2, reviewers: ["@acme/sre", alice], soak: 30m }
images:
  - name: ghcr.io/acme/api
commands:
  minimumPermission: write
`;

describe("commandHelpMarkdown", () => {
  it("lists every command and who may use them", () => {
    expect(commandHelpMarkdown(parseConfig(DOCUMENTED_CONFIG))).toMatchInlineSnapshot(`
      "### Promenade commands

      Write one command per line, at the start of the line; commands inside quotes and code blocks are ignored.

      | command | where | what it does |
      | --- | --- | --- |
      | \`/promote <image> to <env>\` | any issue or PR | open or refresh the PR that promotes the image to the environment |
      | \`/promote\` | a promotion PR | merge it now if its gate passes, else say what is missing |
      | \`/rollback <env> [<image>] [to <version>]\` | anywhere | open a PR that puts the previous (or named) version back; soak is skipped, approvals are not; the version rolled back from is blocked until /unblock |
      | \`/hold <env> [reason]\` | anywhere | stop promotions into the environment; its gate fails while it is held |
      | \`/unhold <env>\` | anywhere | resume promotions into the environment |
      | \`/unblock <image> <version>\` | anywhere | let automatic promotion propose again a version a /rollback blocked, in every environment where it is blocked |
      | \`/where [<image>]\` | anywhere | show which version runs in which environment |
      | \`/check\` | a PR | re-run the policy and gate checks |
      | \`/help\` | anywhere | show this help |

      \`<env>\` is an environment: \`dev\`, \`staging\`, \`production\`.
      \`<image>\` is an image's whole name or the last part of it (\`api\` for \`ghcr.io/acme/api\`).
      No command acts on \`production\` unless you name it.

      Commands need write permission on the repository.
      Commands on \`production\` also need you to be one of: \`@acme/sre\`, \`alice\`.
      "
    `);
  });

  it("names the permission the config asks for, every gated environment, and the reviewers of each", () => {
    const help = commandHelpMarkdown(
      parseConfig(`
environments:
  dev: { path: deploy/dev }
  prod-eu: { path: deploy/prod-eu, from: dev, requires: { approvals: 1, reviewers: ["@acme/eu-sre"] } }
  prod-us: { path: deploy/prod-us, from: dev, requires: { approvals: 1 } }
  prod-ap: { path: deploy/prod-ap, from: dev, requires: { reviewers: [bob, carol] } }
images:
  - name: registry.example.com/team/worker
commands: { minimumPermission: maintain }
`),
    );
    expect(help).toContain("Commands need maintain permission on the repository.");
    expect(help).toContain("No command acts on `prod-eu`, `prod-us` and `prod-ap` unless you name it.");
    expect(help).toContain("Commands on `prod-eu` also need you to be one of: `@acme/eu-sre`.");
    expect(help).toContain("Commands on `prod-ap` also need you to be one of: `bob`, `carol`.");
    expect(help).not.toContain("Commands on `prod-us`");
    expect(help).toContain("(`worker` for `registry.example.com/team/worker`)");
  });

  it("mentions nobody: reviewers stand in code spans", () => {
    const help = commandHelpMarkdown(parseConfig(DOCUMENTED_CONFIG));
    expect(help.replace(/`[^`]*`/g, "")).not.toContain("@");
  });

  it("defaults to write permission and needs no gated environment", () => {
    const help = commandHelpMarkdown(parseConfig("environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev }\n"));
    expect(help).toContain("Commands need write permission on the repository.\n");
    expect(help).toContain("No command acts on an environment you do not name.");
    expect(help).not.toContain("also need");
  });
});

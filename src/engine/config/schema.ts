/**
 * The schema of `.github/promenade.yml`. Every object is
 * strict, so a misspelt key is an error rather than a silently ignored
 * setting. Every field carries a doc comment for readers of this code and a
 * `.describe()` text that the generated JSON Schema (docs/promenade.schema.json)
 * hands to editors.
 *
 * Error texts given here say what was expected and never repeat the value
 * found; the formatter (format-issues.ts) adds the key path and, for a
 * value of the wrong type, its kind. Checks that involve more than one field
 * (unknown `from`, cycles, overlapping paths, unknown environments in
 * policies, duplicate names) live in cross-field-rules.ts.
 */
import semver from "semver";
import { z } from "zod";
import { isImageName, parseImage } from "../images/image-name.js";
import { MAX_CEL_LENGTH } from "../policy/cel-expression.js";
import { DURATION_PATTERN } from "./duration.js";
import { EXTENDS_EXPECTED, parseExtends } from "./extends-target.js";
import { environmentPathProblem } from "./environment-path.js";
import { patternError } from "./pattern.js";
import { HOURS_PATTERN, isValidTimeZone, parseDays, parseHours } from "./window.js";

/**
 * Environment names become part of branch names (`promenade/<env>/<image>`),
 * so they are limited to letters, digits, `.`, `_` and `-`, and must also
 * satisfy git's rules for a ref component: no leading `.`, no `..`, no
 * trailing `.` or `.lock`.
 */
export const ENVIRONMENT_NAME_PATTERN = /^(?!\.)(?!.*\.\.)(?!.*\.lock$)(?!.*\.$)[A-Za-z0-9._-]+$/;

/** The built-in policies, by name. */
export const BUILTIN_POLICIES = ["no-latest-tag", "allowed-registries", "require-digest", "require-resource-limits", "no-privileged"] as const;

/** GitHub repository permissions, weakest first. */
export const PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const;

/** How a policy finding counts: `error` blocks the merge, `warning` only reports. */
export const SEVERITIES = ["error", "warning"] as const;

const TEAM_OR_LOGIN_PATTERN = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+|[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)$/;
const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+$/;
const TIME_ZONE_EXPECTED = "expected an IANA time zone name like Europe/Berlin";
const REGISTRY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

// ---------------------------------------------------------------- building blocks

/** A string that must not be empty; `expected` is the one message for every way it can be wrong. */
function nonEmptyText(expected: string) {
  return z.string({ error: expected }).min(1, { error: expected });
}

/** A duration such as `30m`, `2h`, `1d` or `1h30m` (see duration.ts). */
const durationSchema = z
  .string({ error: "expected a duration like 30m, 2h or 1d" })
  .regex(DURATION_PATTERN, { error: "expected a duration like 30m, 2h or 1d" });

/** A regular expression in RE2 syntax that compiles (see pattern.ts). */
const regexSchema = z.string({ error: "expected a regular expression as text" }).superRefine((source, ctx) => {
  const problem = patternError(source);
  if (problem !== null) {
    ctx.addIssue({ code: "custom", message: `expected a regular expression that compiles: ${problem}`, input: source });
  }
});

/** A list of environment names, for policies that apply to some environments only. */
const environmentListSchema = z
  .array(nonEmptyText("expected an environment name"), { error: "expected a list of environment names, like [production]" })
  .min(1, { error: "expected at least one environment (leave environments out to apply everywhere)" });

const severitySchema = z
  .enum(SEVERITIES, { error: 'expected "error" or "warning"' })
  .default("error")
  .describe("error (default) blocks the merge; warning only reports.");

// ---------------------------------------------------------------- environments

/** One allowed deploy window: merges into the environment happen only inside one of its windows. */
export const deployWindowSchema = z
  .strictObject(
    {
      /** Days of the week: `Mon-Thu`, `Mon,Wed,Fri`, `Sat-Sun`, or a mix such as `Mon-Wed,Fri`. */
      days: z
        .string({ error: "expected days like Mon-Fri, Mon,Wed,Fri or Sat-Sun" })
        .refine((days) => parseDays(days) !== null, { error: "expected days like Mon-Fri, Mon,Wed,Fri or Sat-Sun" })
        .describe(
          "Days of the week, as a comma-separated list of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun; full names and any case also work) and ranges (Mon-Thu); a range may wrap over the weekend (Fri-Mon).",
        ),
      /** Time of day, `HH:MM-HH:MM` on a 24-hour clock; the start is inclusive, the end exclusive, `24:00` is midnight at the end of the day. */
      hours: z
        .string({ error: 'expected hours like "09:00-16:00"' })
        .regex(HOURS_PATTERN, { error: 'expected hours like "09:00-16:00" (HH:MM-HH:MM, from 00:00 to 24:00)', abort: true })
        .refine((hours) => parseHours(hours) !== null, {
          error: "expected the start before the end (a window cannot cross midnight: write two windows)",
        })
        .describe(
          'Time of day as "HH:MM-HH:MM" on a 24-hour clock, e.g. "09:00-16:00"; start inclusive, end exclusive, 24:00 for the end of the day. Quote it in YAML. A window cannot cross midnight: write two.',
        ),
      /** IANA time zone the days and hours are read in, e.g. `Europe/Berlin`, `America/New_York`, `UTC`; not an abbreviation (`PST`) or offset (`UTC+2`). */
      timezone: z
        .string({ error: TIME_ZONE_EXPECTED })
        .refine(isValidTimeZone, { error: TIME_ZONE_EXPECTED })
        .describe(
          "IANA time zone name in which days and hours are read, e.g. Europe/Berlin, America/New_York, UTC; not an abbreviation (PST, EST, CET) or an offset (UTC+2).",
        ),
    },
    { error: 'expected a window like { days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }' },
  )
  .describe("A time when merges are allowed.");

/** What a PR into an environment must meet before it may merge (the gate). */
export const requirementsSchema = z
  .strictObject(
    {
      /** Approving reviews needed on the PR's head commit, from allowed reviewers. Default 0. */
      approvals: z
        .int({ error: "expected a whole number of approvals, 0 or more" })
        .min(0, { error: "expected a whole number of approvals, 0 or more" })
        .default(0)
        .describe(
          "Approving reviews needed on the PR's head commit, from allowed reviewers; the person who triggered the promotion or pushed its last commit never counts. Default 0.",
        ),
      /** Whose approvals count: teams as `@org/team-slug`, users by login. Absent: anyone with write access. */
      reviewers: z
        .array(
          z.string({ error: 'expected a team like "@acme/sre" or a user login like alice' }).regex(TEAM_OR_LOGIN_PATTERN, {
            error: (issue) =>
              typeof issue.input === "string" && /^@[^/]*$/.test(issue.input)
                ? 'expected a user login without "@" (like alice) or a team with its organisation (like "@acme/sre")'
                : 'expected a team like "@acme/sre" or a user login like alice',
          }),
          { error: 'expected a list of teams and users, like ["@acme/sre", alice]' },
        )
        .min(1, { error: "expected at least one team or user (leave reviewers out to let anyone with write access approve)" })
        .optional()
        .describe(
          'Whose approvals count: teams as "@org/team-slug" (quote them in YAML) and users by login. They are also the only people who may run slash commands on this environment. Default: anyone with write access.',
        ),
      /** How long the version must have run in the `from` environment, e.g. `30m`, `24h`, `1d12h`. */
      soak: durationSchema
        .optional()
        .describe(
          "How long the version must have run in the from environment (since that change merged): whole numbers with units s, m, h, d, largest first, e.g. 30m, 2h, 1d, 1h30m.",
        ),
      /** Merges are allowed only inside one of these windows. Empty (default): any time. */
      windows: z
        .array(deployWindowSchema, { error: "expected a list of windows" })
        .default([])
        .describe("Merges are allowed only inside one of these windows. Default: none, so any time."),
      /** Names of other check runs that must have succeeded on the PR's head commit, e.g. `e2e`. */
      checks: z
        .array(
          nonEmptyText("expected the name of a check run").refine((name) => !name.startsWith("promenade/"), {
            error: "expected another tool's check run (Promenade's own checks are always part of the gate)",
          }),
          { error: 'expected a list of check run names, like ["e2e"]' },
        )
        .default([])
        .describe("Names of other check runs that must have succeeded on the PR's head commit, e.g. e2e. Default: none."),
      /** The versions must be reported healthy in the `from` environment first (see docs/health.md). Only with `from`. Default false. */
      healthy: z
        .boolean({ error: "expected true or false" })
        .optional()
        .describe(
          "The versions a PR brings must first be reported healthy in the from environment: a successful GitHub deployment of that environment made by your CD tool (not Promenade), or the healthChecks, on a commit where it runs them. Only on an environment with from. Default false.",
        ),
      /** Commit statuses (by context, or a context prefix followed by `/`) or check runs that report `from`'s health, e.g. `kustomization/apps`; needs `healthy: true`. */
      healthChecks: z
        .array(nonEmptyText("expected the name of a commit status or check run"), {
          error: 'expected a list of commit status contexts or check run names, like ["kustomization/apps"]',
        })
        .min(1, { error: "expected at least one name (leave healthChecks out to use deployments)" })
        .optional()
        .describe(
          'Instead of deployments: commit statuses (by context) or check runs that report the from environment\'s health, e.g. "kustomization/apps" (a Flux commit status kustomization/apps/<id> matches too). All must have succeeded on a commit where from runs the versions. Needs healthy: true.',
        ),
    },
    { error: "expected a mapping of requirements (approvals, reviewers, soak, windows, checks, healthy, healthChecks)" },
  )
  .superRefine((requires, ctx) => {
    if (requires.healthChecks !== undefined && requires.healthy !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["healthChecks"],
        message: "expected healthy: true alongside healthChecks (healthChecks name the signals that requirement waits for)",
        input: requires.healthChecks,
      });
    }
  })
  .describe("The gate a promotion PR into this environment must pass before it may merge.");

/** One environment: a directory of the GitOps repository and where its versions come from. */
export const environmentSchema = z
  .strictObject(
    {
      /** Directory of the environment, relative to the repository root, e.g. `deploy/overlays/dev`. */
      path: z
        .string({ error: "expected a directory path like deploy/overlays/dev" })
        .superRefine((path, ctx) => {
          const problem = environmentPathProblem(path);
          if (problem !== null) ctx.addIssue({ code: "custom", message: problem, input: path });
        })
        .describe(
          "Directory of this environment, relative to the repository root (e.g. deploy/overlays/dev). Every YAML file under it is scanned for image references. Directories of two environments may not overlap.",
        ),
      /** The environment this one is promoted from. Absent: a root environment that receives new image versions. */
      from: z
        .string({ error: "expected the name of another environment" })
        .optional()
        .describe("The environment this one is promoted from. Absent: a root environment, which receives newly pushed image versions."),
      /** Merge promotion PRs into this environment by themselves once the gate and checks pass. Default false. */
      autoMerge: z
        .boolean({ error: "expected true or false" })
        .default(false)
        .describe("Merge promotion PRs into this environment by themselves once checks and the gate pass. Default false."),
      /** The gate for PRs into this environment. Absent: no gate. */
      requires: requirementsSchema.optional(),
    },
    { error: "expected a mapping with path and optionally from, autoMerge, requires" },
  )
  .superRefine((environment, ctx) => {
    if (environment.from === undefined && environment.requires?.healthy === true) {
      ctx.addIssue({
        code: "custom",
        path: ["requires", "healthy"],
        message: 'expected no healthy on an environment without "from": health is reported by the environment it is promoted from',
        input: true,
      });
    }
  })
  .describe("An environment: a directory of the GitOps repository and the environment it is promoted from.");

// ---------------------------------------------------------------- images

/** Which tags of an image may be promoted, for images whose tags are not semantic versions. */
export const tagPolicySchema = z
  .strictObject(
    {
      /** Tags must match this regular expression (RE2 syntax, not anchored: use `^` and `$`). */
      allow: regexSchema.describe(
        'Tags must match this regular expression of at most 1000 characters (RE2 syntax, run in linear time: no lookahead, lookbehind or backreferences; not anchored: write ^ and $), e.g. "^main-[0-9a-f]{7}$".',
      ),
      /** Tags matching this regular expression are never promoted, even when `allow` matches. */
      deny: regexSchema.optional().describe('Tags matching this regular expression are never promoted, even when allow matches, e.g. "-debug$".'),
    },
    { error: 'expected a mapping like { allow: "^main-[0-9a-f]{7}$" }' },
  )
  .describe("Which tags may be promoted; without versions, the newest pushed tag wins.");

/** Settings for one image. */
export const imagePolicySchema = z
  .strictObject(
    {
      /** The image name without tag or digest, e.g. `ghcr.io/acme/api`; Docker Hub names may be short (`redis`). */
      name: z
        .string({ error: "expected an image name like ghcr.io/acme/api" })
        .superRefine((name, ctx) => {
          const parsed = parseImage(name);
          if (parsed !== null && (parsed.tag !== null || parsed.digest !== null)) {
            ctx.addIssue({
              code: "custom",
              message: "expected an image name without tag or digest (leave out :tag and @digest)",
              input: name,
            });
          } else if (!isImageName(name)) {
            ctx.addIssue({
              code: "custom",
              message: "expected an image name like ghcr.io/acme/api (lowercase, without tag)",
              input: name,
            });
          }
        })
        .describe("Image name without tag or digest, e.g. ghcr.io/acme/api. Docker Hub images may be written short: redis is docker.io/library/redis."),
      /** Semver range of versions that may be promoted, e.g. `>=1.0.0 <2.0.0` or `^3.0.0`. */
      versions: z
        .string({ error: 'expected a semver range like ">=1.0.0 <2.0.0" or "^1.2.0"' })
        .refine((range) => range.trim() !== "" && semver.validRange(range) !== null, {
          error: 'expected a semver range like ">=1.0.0 <2.0.0" or "^1.2.0"',
        })
        .optional()
        .describe(
          'Semver range of the versions that may be promoted, e.g. ">=1.0.0 <2.0.0" or "^3.0.0"; tags outside it (and tags that are not versions) are never promoted, and the highest version wins.',
        ),
      /** Which tags may be promoted. With `versions` too, a tag must pass both. */
      tags: tagPolicySchema.optional(),
      /** The image's code repository `owner/repo`, for changelog and compare links. */
      source: z
        .string({ error: "expected a GitHub repository like acme/api" })
        .regex(REPOSITORY_PATTERN, { error: "expected a GitHub repository like acme/api" })
        .optional()
        .describe("The image's code repository as owner/repo, e.g. acme/api, for compare links and release notes in PR bodies."),
    },
    { error: "expected a mapping with name and optionally versions, tags, source" },
  )
  .describe("An image Promenade promotes. versions and tags may be combined: a tag must then match tags and satisfy versions, and the highest version wins.");

// ---------------------------------------------------------------- pull requests

/** How promotion PRs are opened. */
export const pullRequestSettingsSchema = z
  .strictObject(
    {
      /** `image`: one PR per image per environment; `environment`: one PR per environment with every image. */
      group: z
        .enum(["image", "environment"], { error: 'expected "image" or "environment"' })
        .default("image")
        .describe(
          "image (default): one PR per image per environment, on branch promenade/<env>/<image>; environment: one PR per environment carrying every image, on branch promenade/<env>.",
        ),
      /** Labels put on every promotion PR. */
      labels: z
        .array(nonEmptyText("expected a label name").max(50, { error: "expected a label name of at most 50 characters" }), {
          error: "expected a list of label names, like [promotion]",
        })
        .default(["promotion"])
        .describe("Labels put on every promotion PR. Default [promotion]."),
      /** Also write a pushed digest into references that have none; by default only references already pinned by digest get the new digest. */
      pinDigests: z
        .boolean({ error: "expected true or false" })
        .default(false)
        .describe(
          "true: a pushed digest is also written into references that have none (tag → tag@digest). Default false: only references already pinned by digest get the new digest; tag-only references stay tag-only.",
        ),
    },
    { error: "expected a mapping with group, labels and pinDigests" },
  )
  .prefault({})
  .describe("How promotion PRs are opened.");

// ---------------------------------------------------------------- policies

/** A policy that ships with Promenade. */
export const builtinPolicySchema = z
  .strictObject(
    {
      /** Which built-in policy. */
      builtin: z
        .enum(BUILTIN_POLICIES, { error: `expected one of ${BUILTIN_POLICIES.join(", ")}` })
        .describe(
          "Which built-in policy: no-latest-tag (no :latest or missing tag), allowed-registries (images only from registries), require-digest (every image pinned by digest), require-resource-limits (containers set CPU and memory limits), no-privileged (no privileged containers).",
        ),
      /** Environments the policy applies to. Absent: all. */
      environments: environmentListSchema.optional().describe("Environments the policy applies to. Default: all."),
      /** For `allowed-registries` (and only there, where it is required): registries or registry paths images may come from. */
      registries: z
        .array(
          z.string({ error: "expected a registry like ghcr.io or ghcr.io/acme" }).regex(REGISTRY_PATTERN, {
            error: "expected a registry like ghcr.io or a registry path like ghcr.io/acme (no https://)",
          }),
          { error: "expected a list of registries, like [ghcr.io/acme]" },
        )
        .min(1, { error: "expected at least one registry" })
        .optional()
        .describe(
          "Required by allowed-registries, and only taken there: registries or registry paths images may come from, e.g. [ghcr.io/acme, docker.io/library]. An image is allowed when its normalised name starts with one of them followed by /.",
        ),
      /** `error` (default) blocks the merge; `warning` only reports. */
      severity: severitySchema,
    },
    { error: "expected a mapping like { builtin: no-latest-tag }" },
  )
  .describe("A built-in policy.");

/** Which Kubernetes objects a rule looks at; every given field must be equal. */
export const matchSchema = z
  .strictObject(
    {
      /** Object kind, e.g. `Deployment`. */
      kind: nonEmptyText("expected a Kubernetes kind like Deployment").optional().describe("Object kind, e.g. Deployment."),
      /** `metadata.name` of the object. */
      name: nonEmptyText("expected an object name").optional().describe("Object name (metadata.name)."),
      /** `metadata.namespace` of the object. */
      namespace: nonEmptyText("expected a namespace").optional().describe("Object namespace (metadata.namespace)."),
    },
    { error: "expected a mapping like { kind: Deployment }" },
  )
  .describe("Which objects the rule checks: every given field must be equal. Default: every object.");

/** A rule of your own, written in CEL. */
export const celPolicySchema = z
  .strictObject(
    {
      /** The rule's name, shown in policy results. */
      name: nonEmptyText("expected a name for the rule, like prod-replicas").describe("The rule's name, shown in policy results; unique among the rules."),
      /** Environments the rule applies to. Absent: all. */
      environments: environmentListSchema.optional().describe("Environments the rule applies to. Default: all."),
      /** Which objects the rule checks. Absent: every object. */
      match: matchSchema.optional(),
      /** CEL expression over `object` (the Kubernetes object) that must be true; its length and compilation are checked in cross-field-rules.ts. */
      cel: nonEmptyText('expected a CEL expression like "object.spec.replicas >= 2"')
        .meta({ maxLength: MAX_CEL_LENGTH })
        .describe(
          `A CEL expression of at most ${MAX_CEL_LENGTH} characters that must be true for every matching object, which it sees as object, e.g. "object.spec.replicas >= 2".`,
        ),
      /** Shown when the expression is false. */
      message: nonEmptyText("expected a message that says what the rule wants").describe("Shown when the expression is false: say what the rule wants."),
      /** `error` (default) blocks the merge; `warning` only reports. */
      severity: severitySchema,
    },
    { error: "expected a mapping with name, cel and message" },
  )
  .describe("A rule of your own, written in CEL.");

/** A policy entry: either built in (`builtin: …`) or a CEL rule (`name`, `cel`, `message`). */
export const policyRuleSchema = z
  .union([builtinPolicySchema, celPolicySchema], {
    error: "expected a built-in policy like { builtin: no-latest-tag } or a rule with name, cel and message",
  })
  .describe("A built-in policy ({ builtin: ... }) or a CEL rule ({ name, cel, message }).");

// ---------------------------------------------------------------- commands

/** Who may use slash commands. */
export const commandSettingsSchema = z
  .strictObject(
    {
      /** The least repository permission a commenter needs to run commands. */
      minimumPermission: z
        .enum(PERMISSIONS, { error: `expected one of ${PERMISSIONS.join(", ")}` })
        .default("write")
        .describe("The least repository permission a commenter needs for slash commands: read, triage, write (default), maintain or admin."),
    },
    { error: "expected a mapping with minimumPermission" },
  )
  .prefault({})
  .describe("Who may use slash commands.");

// ---------------------------------------------------------------- the file

/** The whole of `.github/promenade.yml`. */
export const configSchema = z
  .strictObject(
    {
      /** Probot's config inheritance, only from the owner's `.github` repository: `.github`, `owner/.github`, optionally `:path.yml`. Followed by the loader. */
      _extends: z
        .string({ error: EXTENDS_EXPECTED })
        .refine((value) => parseExtends(value) !== null, { error: EXTENDS_EXPECTED })
        .optional()
        .describe(
          "Probot config inheritance from the owner's .github repository: .github or owner/.github, optionally followed by :path/to/file.yml inside it, whose settings this file extends. No other repository is read.",
        ),
      /** The environments, by name. Names may hold letters, digits, `.`, `_` and `-`. */
      environments: z
        .record(
          // Names are checked in cross-field-rules.ts so that an environment with a bad name still has its settings checked;
          // the pattern is repeated here for editors.
          z.string().meta({ pattern: ENVIRONMENT_NAME_PATTERN.source }),
          environmentSchema,
          { error: "expected a mapping of environment names to environments" },
        )
        .refine((environments) => Object.keys(environments).length > 0, { error: "expected at least one environment" })
        .meta({ minProperties: 1 })
        .describe(
          "The environments, by name. A name may hold letters, digits, '.', '_' and '-' (it becomes part of branch names). Environments form a graph through from; cycles are not allowed.",
        ),
      /** The images to promote. Absent: every image referenced in a root environment. */
      images: z
        .array(imagePolicySchema, { error: "expected a list of images" })
        .optional()
        .describe("The images to promote, each listed once. Default: every image referenced in a root environment, highest semver wins."),
      /** How promotion PRs are opened. */
      pullRequests: pullRequestSettingsSchema,
      /** Policies checked on every PR that changes an environment's files. */
      policies: z
        .array(policyRuleSchema, { error: "expected a list of policies" })
        .default([])
        .describe("Policies checked on every PR that changes an environment's files. Default: none."),
      /** Who may use slash commands. */
      commands: commandSettingsSchema,
    },
    { error: "expected a mapping with environments and optionally images, pullRequests, policies, commands" },
  )
  .describe("Promenade configuration: .github/promenade.yml on the repository's default branch.");

// ---------------------------------------------------------------- types

/** A valid config, with defaults applied. */
export type Config = z.output<typeof configSchema>;
export type Requirements = z.output<typeof requirementsSchema>;
export type DeployWindow = z.output<typeof deployWindowSchema>;
export type ImagePolicy = z.output<typeof imagePolicySchema>;
/** An entry of `policies`: a built-in policy or a CEL rule. */
export type PolicyRule = z.output<typeof policyRuleSchema>;
export type BuiltinPolicy = z.output<typeof builtinPolicySchema>;
export type CelPolicy = z.output<typeof celPolicySchema>;
export type Permission = (typeof PERMISSIONS)[number];
export type Severity = (typeof SEVERITIES)[number];

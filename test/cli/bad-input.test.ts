/**
 * Every input Promenade must refuse: one line on stderr, `promenade: ` and the
 * file (and line), exit 2, and for set-image not one byte written.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RepoFiles, snapshot, TempDirs, YAML_BOMB } from "../repo/temp-repo.js";
import { CONFIG, FLEET, withoutConfig } from "./fixture.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

interface BadInput {
  name: string;
  /** Files added to (or replacing those of) the fleet. */
  files?: RepoFiles;
  /** Extra set-up in the repository, given a directory outside it. */
  setup?: (repo: string, outside: string) => void;
  /** Arguments after the command; `--repo` is added. */
  args?: string[];
  stderr: string | RegExp;
  /** A file that does not parse: only set-image (editing the image it names) refuses it; images warns and lists the rest. */
  unparsed?: true;
}

/** Names the image so that set-image parses the file too. */
const MENTIONS_API = "# ghcr.io/acme/api\n";

const BAD_FILES: BadInput[] = [
  {
    name: "a file that is not valid YAML",
    files: { "deploy/dev/broken.yaml": "image:\n  repository: ghcr.io/acme/api\n  tag: : :\n" },
    stderr: "promenade: deploy/dev/broken.yaml:3: not valid YAML: Nested mappings are not allowed in compact mappings\n",
    unparsed: true,
  },
  {
    name: "a YAML bomb (billion laughs)",
    files: { "deploy/dev/bomb.yaml": MENTIONS_API + YAML_BOMB },
    stderr: /^promenade: deploy\/dev\/bomb\.yaml:\d+: refused: aliases expand too much .*\n$/,
    unparsed: true,
  },
  {
    name: "a file over 1 MiB",
    files: { "deploy/dev/huge.yaml": MENTIONS_API + "#".repeat(1024 * 1024) },
    stderr: "promenade: deploy/dev/huge.yaml: larger than 1 MiB (1048595 bytes); Promenade does not read it\n",
  },
  {
    name: "binary content",
    files: { "deploy/dev/logo.yaml": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
    stderr: "promenade: deploy/dev/logo.yaml:3: binary content (contains a NUL byte), not YAML text\n",
  },
  {
    name: "text that is not UTF-8",
    files: { "deploy/dev/latin1.yaml": new Uint8Array([...Buffer.from("a: 1\nname: caf"), 0xe9, 0x0a]) },
    stderr: "promenade: deploy/dev/latin1.yaml:2: not valid UTF-8 text\n",
  },
  {
    name: "a symlink pointing outside the repository",
    setup: (repo, outside) => {
      fs.writeFileSync(path.join(outside, "secrets.yaml"), "image: ghcr.io/acme/api:0.0.1\n");
      fs.symlinkSync(path.join(outside, "secrets.yaml"), path.join(repo, "deploy/dev/secrets.yaml"));
    },
    stderr: "promenade: deploy/dev/secrets.yaml: symlink points outside the repository\n",
  },
  {
    name: "a directory symlink pointing outside the repository",
    setup: (repo, outside) => fs.symlinkSync(outside, path.join(repo, "deploy/dev/shared")),
    stderr: "promenade: deploy/dev/shared: symlink points outside the repository\n",
  },
  {
    name: "a dangling symlink",
    setup: (repo) => fs.symlinkSync("gone.yaml", path.join(repo, "deploy/dev/extra.yaml")),
    stderr: "promenade: deploy/dev/extra.yaml: dangling symlink: its target does not exist\n",
  },
  {
    name: "an invalid config with --env",
    files: { ".github/promenade.yml": CONFIG.replace("autoMerge: true", "autoMerge: maybe") },
    args: ["--env", "dev"],
    stderr: /^promenade: \.github\/promenade\.yml: invalid config: environments\.dev\.autoMerge: [^\n]*\n$/,
  },
];

const BAD_USAGE: BadInput[] = [
  {
    name: "an unknown --env",
    args: ["--env", "qa"],
    stderr: "promenade: unknown environment 'qa' (known: dev, staging, production)\n",
  },
  {
    name: "--env without a config file",
    setup: (repo) => fs.rmSync(path.join(repo, ".github/promenade.yml")),
    args: ["--env", "dev"],
    stderr: "promenade: --env dev needs .github/promenade.yml, and this repository has none (use --path to scan a directory)\n",
  },
  {
    name: "--env and --path together",
    args: ["--env", "dev", "--path", "deploy/dev"],
    stderr: "promenade: --env and --path cannot be used together\n",
  },
  {
    name: "a --path leaving the repository",
    args: ["--path", "../elsewhere"],
    stderr: "promenade: path '../elsewhere' leaves the repository\n",
  },
  {
    name: "an absolute --path",
    args: ["--path", "/etc"],
    stderr: "promenade: path '/etc' must be relative to the repository root\n",
  },
  {
    name: "a --path that does not exist",
    args: ["--path", "deploy/qa"],
    stderr: "promenade: deploy/qa: no such file or directory\n",
  },
  {
    name: "an unknown flag",
    args: ["--force"],
    stderr: /^promenade: unknown option '--force' \(see 'promenade (images|set-image) --help'\)\n$/,
  },
  {
    name: "an option without its value",
    args: ["--env"],
    stderr: /^promenade: option '--env <value>' argument missing \(see 'promenade (images|set-image) --help'\)\n$/,
  },
];

/**
 * The commands that read the repository, with the arguments that make
 * set-image find the image, and those that scope it to the whole repository
 * when a case gives none of its own.
 */
const COMMANDS = [
  { command: "images", args: [] as string[], everything: [] as string[], refused: BAD_FILES.filter((input) => input.unparsed !== true) },
  { command: "set-image", args: ["ghcr.io/acme/api:9.9.9"], everything: ["--all"], refused: BAD_FILES },
];

function makeRepo(input: BadInput): string {
  const repo = temp.repo({ ...FLEET, ...input.files });
  input.setup?.(repo, temp.make("promenade-outside-"));
  return repo;
}

describe.each(COMMANDS)("promenade $command refuses", ({ command, args, everything, refused }) => {
  it.each([...refused, ...BAD_USAGE])("$name: one line on stderr, exit 2, nothing written", async (input) => {
    const repo = makeRepo(input);
    const before = snapshot(repo);
    const result = await promenade([command, ...args, "--repo", repo, ...(input.args ?? everything)]);
    expect(result.stderr).toMatch(typeof input.stderr === "string" ? new RegExp(`^${escape(input.stderr)}$`) : input.stderr);
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(result.stderr).not.toContain(path.dirname(repo));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("promenade set-image refuses", () => {
  it.each([
    { args: [], stderr: "promenade: set-image needs IMAGE:TAG, IMAGE@DIGEST or IMAGE:TAG@DIGEST, e.g. promenade set-image ghcr.io/acme/api:1.4.2\n" },
    { args: ["ghcr.io/acme/api"], stderr: "promenade: 'ghcr.io/acme/api' has no tag or digest; write ghcr.io/acme/api:TAG, ghcr.io/acme/api@DIGEST or both\n" },
    { args: ["Not An Image:1"], stderr: "promenade: 'Not An Image:1' is not an image reference like ghcr.io/acme/api:1.4.2\n" },
    { args: ["ghcr.io/acme/api:1", "nginx:2"], stderr: "promenade: set-image takes one image, got also 'nginx:2'\n" },
    { args: [`ghcr.io/acme/api:${"v".repeat(129)}`], stderr: "promenade: set-image: a tag is at most 128 characters, this one has 129\n" },
  ])("the arguments $args, exit 2, nothing written", async ({ args, stderr }) => {
    const repo = temp.repo(FLEET);
    const before = snapshot(repo);
    expect(await promenade(["set-image", ...args, "--repo", repo])).toEqual({ code: 2, stdout: "", stderr });
    expect(snapshot(repo)).toEqual(before);
  });

  it("a broken file while other files would change: nothing is written", async () => {
    const repo = temp.repo({ ...withoutConfig(FLEET), "deploy/production/zz.yaml": "image: ghcr.io/acme/api\nx: [\n" });
    const before = snapshot(repo);
    const result = await promenade(["set-image", "ghcr.io/acme/api:9.9.9", "--repo", repo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^promenade: deploy\/production\/zz\.yaml:\d+: not valid YAML: [^\n]*\n$/);
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("promenade refuses a --repo", () => {
  it("that does not exist", async () => {
    const missing = path.join(temp.make(), "nope");
    expect(await promenade(["images", "--repo", missing])).toEqual({ code: 2, stdout: "", stderr: `promenade: --repo ${missing}: no such directory\n` });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

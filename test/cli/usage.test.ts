import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { promenade } from "./run-cli.js";

const packageVersion = (JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("promenade usage", () => {
  it("--help lists the commands and the exit codes", async () => {
    const result = await promenade(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: promenade <command> \[options\]/);
    for (const command of ["images", "set-image", "validate"]) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} +\\S`));
    expect(result.stdout).toContain("Exit codes: 0 ok; 1 a finding");
  });

  it.each(["images", "set-image", "validate"])("%s --help, -h and 'help %s' print the command's usage", async (command) => {
    const long = await promenade([command, "--help"]);
    expect(long.code).toBe(0);
    expect(long.stdout).toMatch(new RegExp(`^Usage: promenade ${command} `));
    expect(long.stdout).toContain("Exit codes:");
    expect(await promenade([command, "-h"])).toEqual(long);
    expect(await promenade(["help", command])).toEqual(long);
  });

  it("set-image --help says when it exits 1", async () => {
    expect((await promenade(["set-image", "--help"])).stdout).toContain("1 no reference of IMAGE found (nothing written)");
  });

  it("set-image --help names --all and when a scope is needed", async () => {
    const help = (await promenade(["set-image", "--help"])).stdout;
    expect(help).toMatch(/^Usage: promenade set-image IMAGE\[:TAG\]\[@DIGEST\] \[--repo DIR\] \[--env ENV \| --path PATH \| --all\]\n/);
    expect(help).toContain("In a repository with .github/promenade.yml, one of --env, --path and --all\nis needed");
  });

  it("--version prints the package version", async () => {
    expect(await promenade(["--version"])).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: "" });
  });

  it("no command prints the usage on stderr and exits 2", async () => {
    const result = await promenade([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: promenade <command>/);
  });

  it("an unknown command exits 2, suggesting the nearest", async () => {
    expect(await promenade(["image"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "promenade: unknown command 'image' (did you mean 'images'?); see 'promenade --help'\n",
    });
    expect((await promenade(["deploy"])).stderr).toBe("promenade: unknown command 'deploy'; see 'promenade --help'\n");
  });

  it("an unknown option before the command exits 2", async () => {
    expect(await promenade(["--verbose"])).toEqual({ code: 2, stdout: "", stderr: "promenade: unknown option '--verbose' (see 'promenade --help')\n" });
  });

  it("validate refuses an unknown flag and a stray argument", async () => {
    expect(await promenade(["validate", "--env", "dev"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "promenade: unknown option '--env' (see 'promenade validate --help')\n",
    });
    expect((await promenade(["validate", "extra"])).stderr).toBe("promenade: unexpected argument 'extra' (see 'promenade validate --help')\n");
  });

  it("a boolean flag given a value exits 2", async () => {
    expect((await promenade(["images", "--json=yes"])).stderr).toBe("promenade: option '--json' does not take an argument (see 'promenade images --help')\n");
  });
});

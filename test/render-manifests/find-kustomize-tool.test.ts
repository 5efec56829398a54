import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findKustomizeTool } from "../../src/render-manifests/kustomize.js";
import { fakeToolDir, KUBECTL_VERSION, KUSTOMIZE_VERSION } from "./fake-tools.js";

describe("findKustomizeTool", () => {
  it("finds kubectl and reads its Kustomize version", async () => {
    const dir = await fakeToolDir({ kubectl: KUBECTL_VERSION });
    expect(await findKustomizeTool({ PATH: dir })).toEqual({
      command: path.join(dir, "kubectl"),
      args: ["kustomize"],
      label: "kubectl kustomize (Kustomize v5.5.0)",
    });
  });

  it("prefers kustomize to kubectl, wherever each is on the PATH", async () => {
    const kubectl = await fakeToolDir({ kubectl: KUBECTL_VERSION });
    const kustomize = await fakeToolDir({ kustomize: KUSTOMIZE_VERSION });
    expect(await findKustomizeTool({ PATH: [kubectl, kustomize].join(path.delimiter) })).toEqual({
      command: path.join(kustomize, "kustomize"),
      args: ["build"],
      label: "kustomize v5.5.0",
    });
  });

  it("passes over a program whose version does not run, and labels one whose version it cannot read", async () => {
    const dir = await fakeToolDir({ kustomize: "exit 1", kubectl: "echo 'something else'" });
    expect(await findKustomizeTool({ PATH: dir })).toEqual({ command: path.join(dir, "kubectl"), args: ["kustomize"], label: "kubectl kustomize" });
  });

  it("finds nothing in files that are not executable, directories, relative PATH entries or an empty PATH", async () => {
    const notExecutable = await fakeToolDir({ kustomize: KUSTOMIZE_VERSION, kubectl: KUBECTL_VERSION }, 0o644);
    const withDirectory = await fakeToolDir({});
    await mkdir(path.join(withDirectory, "kubectl"));
    const relative = path.relative(process.cwd(), await fakeToolDir({ kubectl: KUBECTL_VERSION }));
    expect(await findKustomizeTool({ PATH: [notExecutable, withDirectory, relative].join(path.delimiter) })).toBeNull();
    expect(await findKustomizeTool({})).toBeNull();
  });

  it("remembers the answer for each PATH", async () => {
    const dir = await fakeToolDir({ kubectl: KUBECTL_VERSION });
    const first = await findKustomizeTool({ PATH: dir });
    await rm(path.join(dir, "kubectl"));
    expect(await findKustomizeTool({ PATH: dir })).toBe(first);
    expect(await findKustomizeTool({ PATH: `${dir}${path.delimiter}` })).toBeNull();
  });
});

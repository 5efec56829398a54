/** Small builders for planning tests: configs from YAML, references, repositories in memory. */
import { parseConfig } from "../../src/engine/config/parse-config.js";
import type { Config } from "../../src/engine/config/schema.js";
import { InputError } from "../../src/engine/errors.js";
import type { ImageReference } from "../../src/engine/images/reference.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";

/** A valid config from YAML text. */
export function config(yaml: string): Config {
  return parseConfig(yaml);
}

/** A kustomize-images reference of `image` (already normalised) in `file`. */
export function ref(file: string, image: string | null, tag: string | null, digest: string | null = null, line = 1): ImageReference {
  return { file, line, shape: "kustomize-images", image, tag, digest };
}

/** A repository in memory: path → text. */
export class MemoryReader implements RepoReader {
  constructor(readonly files: Record<string, string>) {}

  async listFiles(dir: string): Promise<string[]> {
    const prefix = dir === "" || dir === "." ? "" : `${dir}/`;
    return Object.keys(this.files).filter((file) => file.startsWith(prefix));
  }

  async readFile(path: string): Promise<string> {
    const text = this.files[path];
    if (text === undefined) throw new InputError(path, "no such file");
    return text;
  }
}

/** A kustomization.yaml setting the tag (and digest) of each image. */
export function kustomization(images: Record<string, string>): string {
  const entries = Object.entries(images).map(([name, version]) => {
    const [tag, digest] = version.split("@");
    return `  - name: ${name}\n    newTag: "${tag}"\n${digest ? `    digest: ${digest}\n` : ""}`;
  });
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n${entries.join("")}`;
}

/** dev → staging → prod-eu + prod-us, with the given extra top-level YAML (images, pullRequests). */
export function fanOutConfig(extra = ""): Config {
  return config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  prod-eu: { path: deploy/prod-eu, from: staging }
  prod-us: { path: deploy/prod-us, from: staging }
${extra}`);
}

/** The only element of `list`; fails the test otherwise. */
export function only<T>(list: readonly T[]): T {
  if (list.length !== 1) throw new Error(`expected exactly one element, got ${list.length}`);
  return list[0] as T;
}

/**
 * The files an operator runs Promenade with (Dockerfile, .dockerignore,
 * compose.yaml, deploy/kubernetes/), checked as far as a machine without a
 * Docker daemon or a cluster allows: they parse, they agree with each other
 * and with the repository, and the Dockerfile's CMD and HEALTHCHECK, run as
 * written in the runtime stage's file layout, start the app and find it
 * healthy. `kubectl kustomize` renders the base when kubectl is on the PATH.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as fs from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { LocalRepo } from "../../src/local/local-repo.js";
import { scanLocalReferences } from "../../src/local/parallel-scan.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const k8sDir = path.join(root, "deploy/kubernetes");
const read = (file: string): string => readFileSync(path.join(root, file), "utf8");

// ---------------------------------------------------------------------------
// A tiny Dockerfile parser: enough for this project's Dockerfile.

interface Instruction {
  keyword: string;
  /** The arguments' text, continuation lines joined. */
  args: string;
  line: number;
}

interface Stage {
  name: string | undefined;
  image: string;
  instructions: Instruction[];
}

/** The instructions of `text`: comments and blank lines dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return; // also inside a continuation, as Docker does
    const current = pending ?? { text: "", line: index + 1 };
    const continued = line.endsWith("\\");
    current.text += (current.text === "" ? "" : " ") + (continued ? line.slice(0, -1).trim() : line);
    if (continued) {
      pending = current;
      return;
    }
    pending = undefined;
    const match = /^(\S+)\s*(.*)$/.exec(current.text);
    if (match) instructions.push({ keyword: (match[1] ?? "").toUpperCase(), args: match[2] ?? "", line: current.line });
  });
  if (pending) throw new Error(`Dockerfile: line ${pending.line} continues past the end of the file`);
  return instructions;
}

/** The instructions grouped by `FROM`. */
function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.args.split(/\s+/).filter((word) => !word.startsWith("--"));
      stages.push({ image, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else if (instruction.keyword !== "ARG" || stages.length > 0) {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** The `--flag=value` options at the start of `args`, and the rest. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1] ?? ""] = match[2] ?? "";
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** An exec-form (JSON array) command; throws on the shell form, which this project does not use for commands. */
function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((word) => typeof word === "string")) throw new Error(`not an exec-form command: ${args}`);
  return parsed;
}

/** `KEY=value` pairs of ENV instructions (values without spaces or quotes, as written here). */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === "ENV")) {
    for (const pair of args.split(/\s+/)) {
      const at = pair.indexOf("=");
      if (at <= 0) throw new Error(`ENV ${args}: use KEY=value pairs`);
      env[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"(.*)"$/, "$1");
    }
  }
  return env;
}

interface Copy {
  from: string | undefined;
  sources: string[];
  destination: string;
  line: number;
}

function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.keyword === "COPY" || i.keyword === "ADD")
    .map((instruction) => {
      const { flags, rest } = splitFlags(instruction.args);
      const words = rest.startsWith("[") ? execForm(rest) : rest.split(/\s+/);
      const destination = words.at(-1) ?? "";
      return { from: flags.from, sources: words.slice(0, -1), destination, line: instruction.line };
    });
}

/** The one instruction `keyword` of `stage` (the last one counts, as in Docker). */
function last(stage: Stage, keyword: string): Instruction {
  const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  if (!found) throw new Error(`no ${keyword} in the stage ${stage.name ?? stage.image}`);
  return found;
}

/** The HEALTHCHECK's command, exec form, without its options. */
function healthcheckCommand(stage: Stage): string[] {
  const { rest } = splitFlags(last(stage, "HEALTHCHECK").args);
  expect(rest.startsWith("CMD ")).toBe(true);
  return execForm(rest.slice("CMD ".length).trim());
}

/** The WORKDIR in effect at the end of `stage`. */
function workdirOf(stage: Stage): string {
  return stage.instructions.filter((i) => i.keyword === "WORKDIR").reduce((dir, i) => path.posix.resolve(dir, i.args.trim()), "/");
}

// ---------------------------------------------------------------------------
// .dockerignore, as Docker reads it: patterns relative to the context root,
// `*` within one path segment, `**` across segments, `!` re-includes, the last
// matching line wins, and a directory's exclusion covers what is under it.

function dockerignored(patterns: string[], file: string): boolean {
  const rules = patterns
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negate = line.startsWith("!");
      const pattern = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, ""));
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === "**/" ? "(?:.*/)?" : part === "**" ? ".*" : part === "*" ? "[^/]*" : part === "?" ? "[^/]" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
        )
        .join("");
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  const segments = path.posix.normalize(file).split("/");
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negate;
  return ignored;
}

// ---------------------------------------------------------------------------

const dockerfile = stagesOf(parseDockerfile(read("Dockerfile")));
const runtime = dockerfile.at(-1) as Stage;
const dockerignore = read(".dockerignore").split("\n");

describe("Dockerfile", () => {
  it("builds in one stage and runs from a slim official Node 20 image in another", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile) expect(stage.image).toMatch(/^node:20-(bookworm-slim|alpine)(@sha256:[0-9a-f]{64})?$/);
    const build = dockerfile[0] as Stage;
    const commands = build.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
    expect(commands.some((c) => /\bnpm ci\b/.test(c))).toBe(true);
    expect(commands.some((c) => /\bnpm run build\b/.test(c))).toBe(true);
  });

  it("runs as a non-root user in the final stage, after every file is copied and installed", () => {
    const users = runtime.instructions.filter((i) => i.keyword === "USER");
    const user = users.at(-1)?.args.trim() ?? "root";
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const lastCopyOrRun = Math.max(...runtime.instructions.filter((i) => ["COPY", "ADD", "RUN"].includes(i.keyword)).map((i) => i.line));
    expect(users.at(-1)?.line ?? 0).toBeGreaterThan(lastCopyOrRun);
  });

  it("installs only production dependencies in the runtime stage, without the package's build scripts", () => {
    const install = runtime.instructions.filter((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args));
    expect(install).toHaveLength(1);
    expect(install[0]?.args).toMatch(/--omit=dev\b/);
    expect(install[0]?.args).toMatch(/--ignore-scripts\b/); // `prepare` runs the build, which needs the dev dependencies
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toContain("build");
  });

  it("listens on every interface, on the port it exposes, in production mode with JSON logs", () => {
    const env = envOf(runtime);
    expect(env).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0", LOG_FORMAT: "json" });
    expect(last(runtime, "EXPOSE").args.trim()).toBe(env.PORT);
  });

  it("copies only package*.json, app.yml and the build stage's dist/ into the runtime stage", () => {
    const build = dockerfile[0] as Stage;
    const copies = copiesOf(runtime);
    const fromContext = copies.filter((c) => c.from === undefined).flatMap((c) => c.sources);
    expect(fromContext.sort()).toEqual(["app.yml", "package-lock.json", "package.json"]);
    const fromBuild = copies.filter((c) => c.from !== undefined);
    expect(fromBuild.map((c) => c.from)).toEqual([build.name]);
    expect(fromBuild.flatMap((c) => c.sources)).toEqual([path.posix.join(workdirOf(build), "dist")]);
    expect(path.posix.resolve(workdirOf(runtime), fromBuild[0]?.destination ?? "")).toBe(path.posix.join(workdirOf(runtime), "dist"));
  });

  it("copies from the context only files that exist and that .dockerignore lets through", () => {
    const sources = dockerfile.flatMap((stage) =>
      copiesOf(stage)
        .filter((c) => c.from === undefined)
        .flatMap((c) => c.sources.map((source) => ({ source, line: c.line }))),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const { source, line } of sources) {
      expect(existsSync(path.join(root, source)), `COPY ${source} (line ${line}) exists`).toBe(true);
      expect(dockerignored(dockerignore, source), `COPY ${source} (line ${line}) is not in .dockerignore`).toBe(false);
    }
    // COPY --from names a stage defined earlier.
    const names = dockerfile.map((stage) => stage.name);
    dockerfile.forEach((stage, index) => {
      for (const copy of copiesOf(stage).filter((c) => c.from !== undefined)) expect(names.slice(0, index)).toContain(copy.from);
    });
  });

  it("keeps dependencies, Git data, local builds and credentials out of the build context", () => {
    for (const file of [
      "node_modules",
      "node_modules/probot/package.json",
      "examples/fleet/node_modules/x",
      ".git",
      ".git/config",
      ".env",
      "private-key.pem",
      "keys/app.pem",
      "dist/index.js",
      "coverage",
    ]) {
      expect(dockerignored(dockerignore, file), file).toBe(true);
    }
    for (const file of ["src/index.ts", "package.json", "app.yml"]) expect(dockerignored(dockerignore, file), file).toBe(false);
  });

  it("starts what `npm start` starts: node on the dist/start.js that `npm run build` writes from src/start.ts", () => {
    const command = execForm(last(runtime, "CMD").args);
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(command.join(" ")).toBe(pkg.scripts.start);
    const script = command.at(-1) ?? "";
    // tsconfig.build.json compiles src/ into dist/: src/start.ts becomes dist/start.js.
    const build = JSON.parse(read("tsconfig.build.json")) as { compilerOptions: { rootDir: string; outDir: string } };
    const source = path.posix.join(
      build.compilerOptions.rootDir,
      path.posix.relative(build.compilerOptions.outDir, path.posix.normalize(script)).replace(/\.js$/, ".ts"),
    );
    expect(source).toBe("src/start.ts");
    expect(existsSync(path.join(root, source))).toBe(true);
  });

  it("checks its health with node itself, on GET /healthz", () => {
    const command = healthcheckCommand(runtime);
    expect(command[0]).toBe("node");
    expect(command.join(" ")).toContain("/healthz");
    expect(command.join(" ")).not.toMatch(/\b(curl|wget)\b/);
  });

  it("loads, from dist/, only packages that `npm ci --omit=dev` installs", async () => {
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
    const dist = await builtDist();
    const files = (await fs.readdir(dist, { recursive: true })).filter((file) => file.endsWith(".js"));
    expect(files).toContain("index.js");
    const loaded = new Set<string>();
    for (const file of files) {
      const text = await fs.readFile(path.join(dist, file), "utf8");
      const statics = text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?:[^"';]*?\sfrom\s*)?["']([^"'./][^"']*)["']/g);
      const dynamics = text.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g);
      for (const match of [...statics, ...dynamics]) {
        const specifier = match[1] ?? "";
        if (specifier.startsWith("node:")) continue;
        loaded.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] ?? ""));
      }
    }
    expect([...loaded]).toEqual(expect.arrayContaining(["probot", "yaml", "bullmq", "ioredis"]));
    for (const name of loaded) expect(Object.keys(pkg.dependencies), `${name} is a production dependency`).toContain(name);
  }, 120_000);
});

// ---------------------------------------------------------------------------

interface ComposeService {
  build?: string | { context: string };
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string> | string[];
  ports?: (string | { target: number; published?: string | number })[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  secrets?: (string | { source: string })[];
  volumes?: (string | { type: string; source?: string; target: string })[];
  deploy?: { replicas?: number };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string }>;
  volumes?: Record<string, unknown>;
}

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml")) as ComposeFile;
  const app = compose.services.app as ComposeService;
  const redisName = Object.keys(compose.services).find((name) => (compose.services[name]?.image ?? "").startsWith("redis:")) ?? "";

  it("builds the app from this directory's Dockerfile and runs Redis beside it", () => {
    expect(app.build === "." || (typeof app.build === "object" && app.build.context === ".")).toBe(true);
    expect(compose.services[redisName]?.image).toBe("redis:7-alpine");
  });

  it("points REDIS_URL at the Redis service and waits for it to be healthy", () => {
    const url = new URL(environmentOf(app).REDIS_URL ?? "");
    expect(url.protocol).toBe("redis:");
    expect(url.hostname).toBe(redisName);
    expect(url.port || "6379").toBe("6379");
    expect(app.depends_on).toEqual({ [redisName]: { condition: "service_healthy" } });
    const test = compose.services[redisName]?.healthcheck?.test ?? [];
    expect(Array.isArray(test) ? test.join(" ") : test).toContain("redis-cli ping");
  });

  it("publishes the port the image exposes and checks /healthz as the image does", () => {
    const exposed = Number(last(runtime, "EXPOSE").args.trim());
    const targets = (app.ports ?? []).map((port) => (typeof port === "string" ? Number(port.split(":").at(-1)?.split("/")[0]) : port.target));
    expect(targets).toContain(exposed);
    expect(app.healthcheck?.test).toEqual(["CMD", ...healthcheckCommand(runtime)]);
  });

  it("reads the credentials from files that Git ignores, and every secret and volume it names is declared", () => {
    const gitignore = read(".gitignore")
      .split("\n")
      .map((line) => line.trim());
    for (const file of [app.env_file ?? []].flat()) expect(gitignore).toContain(file);
    for (const reference of app.secrets ?? []) {
      const name = typeof reference === "string" ? reference : reference.source;
      const file = compose.secrets?.[name]?.file ?? "";
      expect(file, `secret ${name}`).not.toBe("");
      expect(gitignore.some((pattern) => pattern === path.posix.basename(file) || (pattern.startsWith("*") && file.endsWith(pattern.slice(1))))).toBe(true);
      expect(environmentOf(app).PRIVATE_KEY_PATH).toBe(`/run/secrets/${name}`);
    }
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === "string" ? (volume.split(":")[0] ?? "") : (volume.source ?? "");
        if (!source.startsWith(".") && !source.startsWith("/")) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  it("runs one replica per published host port (scaling is documented in the file)", () => {
    expect(app.deploy?.replicas ?? 1).toBe(1);
    expect(read("compose.yaml")).toMatch(/--scale app=2/);
  });
});

// ---------------------------------------------------------------------------

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown }[];
}

interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}

interface ServiceSpec {
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort: string | number }[];
}

function readObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path.join(k8sDir, file), "utf8"))
    .map((document) => {
      expect(document.errors, file).toEqual([]);
      return document.toJS() as K8sObject;
    })
    .filter((object) => object !== null);
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** The container port a Service's or probe's `port` (a number or a port name) reaches in `container`. */
function containerPort(container: Container, port: string | number): number | undefined {
  return typeof port === "number" ? port : container.ports?.find((p) => p.name === port)?.containerPort;
}

const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe("deploy/kubernetes", () => {
  const kustomization = parse(readFileSync(path.join(k8sDir, "kustomization.yaml"), "utf8")) as {
    resources: string[];
    images: { name: string; newName?: string; newTag?: string }[];
  };
  const objects = kustomization.resources.flatMap((file) => (existsSync(path.join(k8sDir, file)) ? readObjects(file) : []));
  const deployment = find(objects, "Deployment", "promenade");
  const spec = deployment.spec as unknown as DeploymentSpec;
  const pod = spec.template.spec;
  const container = pod.containers[0] as Container;
  const service = find(objects, "Service", "promenade");
  const secret = readObjects("secret.example.yaml")[0] as K8sObject;

  it("lists every manifest of the base, each file existing, and leaves the example Secret out", () => {
    for (const file of kustomization.resources) expect(existsSync(path.join(k8sDir, file)), file).toBe(true);
    const manifests = readdirSync(k8sDir).filter((file) => /\.ya?ml$/.test(file) && file !== "kustomization.yaml");
    expect(manifests.filter((file) => !kustomization.resources.includes(file))).toEqual(["secret.example.yaml"]);
  });

  it("runs 2 replicas whose readiness probe asks /healthz and liveness probe /livez, on the port the Service targets", () => {
    expect(spec.replicas).toBe(2);
    expect(matches(spec.selector.matchLabels, spec.template.metadata.labels)).toBe(true);
    const serviceSpec = service.spec as unknown as ServiceSpec;
    expect(matches(serviceSpec.selector, spec.template.metadata.labels)).toBe(true);
    const target = containerPort(container, serviceSpec.ports[0]?.targetPort ?? -1);
    expect(target).toBe(Number(envOf(runtime).PORT));
    expect([container.readinessProbe?.httpGet?.path, container.livenessProbe?.httpGet?.path]).toEqual(["/healthz", "/livez"]);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(containerPort(container, probe?.httpGet?.port ?? -1)).toBe(target);
    }
    expect(container.resources?.requests).toBeDefined();
    expect(container.resources?.limits?.memory).toBeDefined();
  });

  it("runs as non-root on a read-only root file system, with an emptyDir for /tmp", () => {
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    const tmp = container.volumeMounts?.find((mount) => mount.mountPath === "/tmp");
    expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it("reads its credentials from the Secret the example and the docs create", () => {
    const refs = (container.env ?? []).flatMap((variable) =>
      variable.valueFrom?.secretKeyRef ? [{ variable: variable.name, ...variable.valueFrom.secretKeyRef }] : [],
    );
    expect(new Set(refs.map((ref) => ref.name))).toEqual(new Set([secret.metadata.name]));
    expect(refs.map((ref) => ref.key).sort()).toEqual(Object.keys(secret.stringData ?? {}).sort());
    expect(
      refs
        .filter((ref) => ref.optional !== true)
        .map((ref) => ref.key)
        .sort(),
    ).toEqual(["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]);
    for (const ref of refs) expect(ref.variable).toBe(ref.key);
    expect(readFileSync(path.join(k8sDir, "secret.example.yaml"), "utf8")).toContain(`kubectl create secret generic ${secret.metadata.name} `);
    expect(read("docs/operations.md")).toContain(`kubectl create secret generic ${secret.metadata.name} `);
  });

  it("points REDIS_URL at the Redis Service of the base, whose pods it selects", () => {
    const url = new URL(container.env?.find((variable) => variable.name === "REDIS_URL")?.value ?? "");
    const redisService = find(objects, "Service", url.hostname);
    const redisSpec = redisService.spec as unknown as ServiceSpec;
    expect(redisSpec.ports.map((port) => port.port)).toContain(Number(url.port || 6379));
    const redis = find(objects, "Deployment", url.hostname).spec as unknown as DeploymentSpec;
    expect(redis.replicas).toBe(1);
    expect(matches(redisSpec.selector, redis.template.metadata.labels)).toBe(true);
    expect(matches(redisSpec.selector, spec.template.metadata.labels)).toBe(false);
    // Only Promenade's pods may reach it.
    const policy = objects.find((object) => object.kind === "NetworkPolicy")?.spec as {
      podSelector: { matchLabels: Record<string, string> };
      ingress: { from: { podSelector: { matchLabels: Record<string, string> } }[] }[];
    };
    expect(matches(policy.podSelector.matchLabels, redis.template.metadata.labels)).toBe(true);
    expect(matches(policy.ingress[0]?.from[0]?.podSelector.matchLabels ?? { none: "" }, spec.template.metadata.labels)).toBe(true);
  });

  it("sets the image through kustomize `images:`, which Promenade itself finds and can promote", async () => {
    const entry = kustomization.images.find((image) => image.name === container.image);
    expect(entry?.newTag).toBe(JSON.parse(read("package.json")).version);
    const { references } = await scanLocalReferences(new LocalRepo(root), "deploy/kubernetes");
    expect(references).toContainEqual(
      expect.objectContaining({ file: "deploy/kubernetes/kustomization.yaml", shape: "kustomize-images", image: container.image, tag: entry?.newTag }),
    );
  });

  const kubectl = onPath("kubectl");
  it.skipIf(kubectl === undefined)(
    "renders with `kubectl kustomize`, and an overlay sets the image and namespace (skipped without kubectl on the PATH)",
    async () => {
      const rendered = await render(kubectl as string, k8sDir);
      expect(rendered.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(
        expect.arrayContaining(["Deployment/promenade", "Service/promenade", "Deployment/promenade-redis", "Service/promenade-redis"]),
      );
      expect(rendered.some((object) => object.kind === "Secret")).toBe(false);
      const base = find(rendered, "Deployment", "promenade").spec as unknown as DeploymentSpec;
      expect(base.template.spec.containers[0]?.image).toBe(`${container.image}:${kustomization.images[0]?.newTag}`);

      const overlay = await fs.mkdtemp(path.join(os.tmpdir(), "promenade-overlay-"));
      try {
        await fs.writeFile(
          path.join(overlay, "kustomization.yaml"),
          [
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namespace: promenade",
            "resources:",
            `  - ${path.relative(overlay, k8sDir)}`,
            "images:",
            `  - name: ${container.image}`,
            "    newName: registry.example.com/platform/promenade",
            "    newTag: 1.2.3",
            "",
          ].join("\n"),
        );
        const objects = await render(kubectl as string, overlay);
        const app = find(objects, "Deployment", "promenade") as K8sObject & { metadata: { namespace?: string } };
        expect(app.metadata.namespace).toBe("promenade");
        expect((app.spec as unknown as DeploymentSpec).template.spec.containers[0]?.image).toBe("registry.example.com/platform/promenade:1.2.3");
      } finally {
        await fs.rm(overlay, { recursive: true, force: true });
      }
    },
  );
  if (kubectl === undefined) it.skip("kubectl is not on the PATH: the base is checked file by file only", () => undefined);
});

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

async function render(kubectl: string, dir: string): Promise<K8sObject[]> {
  const { stdout } = await run(kubectl, ["kustomize", dir], { timeout: 30_000, maxBuffer: 10 * 1024 * 1024 });
  return parseAllDocuments(stdout).map((document) => document.toJS() as K8sObject);
}

// ---------------------------------------------------------------------------
// The Dockerfile's commands, run: the runtime stage's file layout in a temp
// directory (the COPY instructions followed; the project's node_modules
// linked in place of `npm ci --omit=dev`, which needs the network), the CMD
// started as written with the stage's ENV, then the HEALTHCHECK run as written.
// The ENTRYPOINT (tini, which only forwards signals) is not installed here.

let distDir: Promise<string> | undefined;
const temps: string[] = [];

/** dist/ as `npm run build` writes it: the project's own when it is newer than every source, else compiled afresh into a temp directory. */
function builtDist(): Promise<string> {
  distDir ??= (async () => {
    const own = path.join(root, "dist");
    const newestSource = Math.max(
      ...(await fs.readdir(path.join(root, "src"), { recursive: true })).map((file) => statSync(path.join(root, "src", file)).mtimeMs),
    );
    if (existsSync(path.join(own, "index.js")) && statSync(path.join(own, "index.js")).mtimeMs >= newestSource) {
      const oldest = Math.min(
        ...(await fs.readdir(own, { recursive: true })).filter((f) => f.endsWith(".js")).map((file) => statSync(path.join(own, file)).mtimeMs),
      );
      if (oldest >= newestSource) return own;
    }
    const out = await fs.mkdtemp(path.join(os.tmpdir(), "promenade-dist-"));
    temps.push(out);
    // --noCheck: the same JavaScript, 4 times faster; `npm run typecheck` checks the types.
    await run(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(out, "dist"), "--noCheck"],
      { cwd: root, timeout: 110_000 },
    ).catch((error: Error & { stdout?: string }) => {
      throw new Error(`tsc failed: ${error.stdout ?? error.message}`);
    });
    return path.join(out, "dist");
  })();
  return distDir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `command` (exec form) in `cwd` with `env`; answers its exit code. */
function exitCode(command: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 15_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] ?? "", command.slice(1), { cwd, env, stdio: "ignore", timeout });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
}

describe("the Dockerfile's commands run", () => {
  let layout: string;
  let app: ChildProcess | undefined;
  let output = "";
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    layout = await fs.mkdtemp(path.join(os.tmpdir(), "promenade-image-"));
    temps.push(layout);
    const build = dockerfile[0] as Stage;
    for (const copy of copiesOf(runtime)) {
      for (const source of copy.sources) {
        const from =
          copy.from === undefined
            ? path.join(root, source)
            : copy.from === build.name && source === path.posix.join(workdirOf(build), "dist")
              ? await builtDist()
              : undefined;
        if (from === undefined) throw new Error(`COPY --from=${copy.from} ${source}: not reproduced by this test`);
        const destination = path.join(layout, path.posix.relative(workdirOf(runtime), path.posix.resolve(workdirOf(runtime), copy.destination)));
        const target = copy.destination.endsWith("/") ? path.join(destination, path.basename(source)) : destination;
        await fs.cp(from, target, { recursive: true });
      }
    }
    await fs.symlink(path.join(root, "node_modules"), path.join(layout, "node_modules"), "dir"); // for `npm ci --omit=dev`

    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    env = {
      PATH: process.env.PATH,
      HOME: layout,
      ...envOf(runtime),
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "deploy-test-secret",
      PROMENADE_STARTUP: "off",
      // Nothing may leave the machine: GitHub's API, if asked, is a closed local port.
      GHE_HOST: `127.0.0.1:${await freePort()}`,
      GHE_PROTOCOL: "http",
    };
    const command = execForm(last(runtime, "CMD").args);
    app = spawn(command[0] ?? "", command.slice(1), { cwd: layout, env, stdio: ["ignore", "pipe", "pipe"] });
    app.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  }, 150_000);

  afterAll(async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app?.once("exit", resolve));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (app.exitCode === null && app.signalCode === null) app.kill("SIGKILL");
    }
    await Promise.all(temps.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  it("the CMD starts the app, whose /healthz answers 200", async () => {
    const url = `http://127.0.0.1:${env.PORT}/healthz`;
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      if (app?.exitCode !== null || app.signalCode !== null) throw new Error(`the app exited (${app?.exitCode ?? app?.signalCode}):\n${output}`);
      status = await fetch(url).then(
        (response) => response.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status, output).toBe(200);
  }, 40_000);

  it("the HEALTHCHECK, run as written, exits 0 against it and 1 when nothing listens", async () => {
    const command = healthcheckCommand(runtime);
    expect(await exitCode(command, layout, env)).toBe(0);
    expect(await exitCode(command, layout, { ...env, PORT: String(await freePort()) })).toBe(1);
  }, 40_000);

  it("logs JSON lines, as LOG_FORMAT=json asks", () => {
    const lines = output.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(output).not.toContain("deploy-test-secret");
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isRegistryProvider,
  readRegistryPayload,
  registryDeliveryId,
  REGISTRY_PROVIDERS,
  type RegistryProvider,
} from "../../src/engine/registry/registry-payload.js";

const D_8A9E = "sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8";
const D_7F5B = "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd12345678";
const D_6EC1 = "sha256:6ec128e26cd5b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5";
const D_3A4F = "sha256:3a4f9f4724701a6a897444de6b03d1338ffc94c2ce1c70bef2a95fd1e7c1b17d";
const GAR_IMAGE = "us-west1-docker.pkg.dev/my-project/my-repo/hello-world";

/** The fixture payload of `provider`, parsed. */
function fixture(provider: RegistryProvider): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/registry/${provider}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
}

/** `fixture(provider)` with the value at `path` set to `value`, or removed when `value` is undefined. */
function changed(provider: RegistryProvider, path: (string | number)[], value: unknown): Record<string, unknown> {
  const payload = fixture(provider);
  let node = payload as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? "";
  if (value === undefined) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return payload;
}

/** A Pub/Sub push envelope around the Artifact Registry notification `data`. */
function garEnvelope(data: unknown): Record<string, unknown> {
  const envelope = fixture("gar");
  (envelope.message as Record<string, unknown>).data = Buffer.from(JSON.stringify(data)).toString("base64");
  return envelope;
}

describe("readRegistryPayload: the documented examples", () => {
  it.each([
    ["dockerhub", [{ image: "docker.io/svendowideit/testhook", tag: "latest" }]],
    ["quay", [{ image: "quay.io/dgangaia/test", tag: "latest" }]],
    ["harbor", [{ image: "hub.harbor.com/test-webhook/debian", tag: "latest", digest: D_8A9E }]],
    ["ecr", [{ image: "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name", tag: "latest", digest: D_7F5B }]],
    ["gar", [{ image: GAR_IMAGE, tag: "1.1", digest: D_6EC1 }]],
    ["generic", [{ image: "registry.example.com/team/api", tag: "1.4.2", digest: D_3A4F }]],
  ] as const)("%s", (provider, pushes) => {
    expect(readRegistryPayload(provider, fixture(provider))).toEqual({ kind: "pushes", pushes });
  });
});

describe("readRegistryPayload: provider details", () => {
  it("puts a Docker Hub repository without namespace under library/", () => {
    const payload = changed("dockerhub", ["repository", "repo_name"], "nginx");
    expect(readRegistryPayload("dockerhub", payload)).toEqual({ kind: "pushes", pushes: [{ image: "docker.io/library/nginx", tag: "latest" }] });
  });

  it("gives one push per updated Quay tag, once each", () => {
    const payload = changed("quay", ["updated_tags"], ["1.0", "latest", "1.0"]);
    expect(readRegistryPayload("quay", payload)).toEqual({
      kind: "pushes",
      pushes: [
        { image: "quay.io/dgangaia/test", tag: "1.0" },
        { image: "quay.io/dgangaia/test", tag: "latest" },
      ],
    });
  });

  it("reads every tagged Harbor artifact, keeping a registry port and leaving out untagged ones", () => {
    const payload = changed(
      "harbor",
      ["event_data", "resources"],
      [
        { digest: D_8A9E, tag: "1.0", resource_url: "harbor.example.com:8443/library/app:1.0" },
        { digest: D_3A4F, tag: "", resource_url: `harbor.example.com:8443/library/app@${D_3A4F}` },
      ],
    );
    expect(readRegistryPayload("harbor", payload)).toEqual({
      kind: "pushes",
      pushes: [{ image: "harbor.example.com:8443/library/app", tag: "1.0", digest: D_8A9E }],
    });
  });

  it("names ECR registries of China regions under amazonaws.com.cn", () => {
    const payload = changed("ecr", ["region"], "cn-north-1");
    expect(readRegistryPayload("ecr", payload)).toMatchObject({ pushes: [{ image: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/my-repository-name" }] });
  });

  it("reads a generic payload without digest", () => {
    expect(readRegistryPayload("generic", { image: "localhost:5000/app", tag: "v1" })).toEqual({
      kind: "pushes",
      pushes: [{ image: "localhost:5000/app", tag: "v1" }],
    });
  });
});

describe("readRegistryPayload: events that are not tagged pushes are ignored", () => {
  it.each<[RegistryProvider, Record<string, unknown>, string]>([
    ["dockerhub", changed("dockerhub", ["push_data", "tag"], undefined), "the push has no tag"],
    ["quay", changed("quay", ["updated_tags"], []), "the push updated no tag"],
    ["harbor", changed("harbor", ["type"], "DELETE_ARTIFACT"), "not an artifact push (PUSH_ARTIFACT) event"],
    ["harbor", changed("harbor", ["event_data", "resources", 0, "tag"], ""), "the push has no tagged artifact"],
    ["harbor", { type: "REPLICATION", occur_at: 1, operator: "admin", event_data: { replication: {} } }, "not an artifact push (PUSH_ARTIFACT) event"],
    ["ecr", changed("ecr", ["detail", "action-type"], "DELETE"), "not an image push (action-type PUSH)"],
    ["ecr", changed("ecr", ["detail", "result"], "FAILURE"), "the push did not succeed"],
    ["ecr", changed("ecr", ["detail", "image-tag"], undefined), "the push has no tag"],
    ["ecr", changed("ecr", ["detail-type"], "ECR Image Scan"), "not an ECR Image Action event"],
    ["gar", garEnvelope({ action: "DELETE", tag: `${GAR_IMAGE}:1.1` }), "not an image push (action INSERT)"],
    ["gar", garEnvelope({ action: "INSERT", digest: `${GAR_IMAGE}@${D_6EC1}` }), "the push has no tag"],
  ])("%s: %s", (provider, payload, reason) => {
    expect(readRegistryPayload(provider, payload)).toEqual({ kind: "ignored", reason });
  });
});

describe("readRegistryPayload: other bodies are invalid, with the field and what was expected", () => {
  it.each<[RegistryProvider, unknown, string]>([
    ["dockerhub", [], "body: expected object, received array"],
    ["dockerhub", { push_data: { tag: "latest" } }, "repository: expected object, received undefined"],
    ["quay", changed("quay", ["updated_tags"], "latest"), "updated_tags: expected array, received string"],
    ["harbor", changed("harbor", ["event_data"], undefined), "event_data: expected object, received undefined"],
    ["harbor", changed("harbor", ["event_data", "resources", 0, "resource_url"], 5), "event_data.resources[0].resource_url: expected string, received number"],
    ["ecr", changed("ecr", ["source"], "aws.s3"), 'source: expected "aws.ecr"'],
    ["ecr", changed("ecr", ["account"], "{{123456789012}}"), "account: expected a 12-digit AWS account id"],
    ["ecr", changed("ecr", ["detail"], undefined), "detail: expected object, received undefined"],
    ["ecr", changed("ecr", ["detail", "repository-name"], undefined), "detail.repository-name: expected string, received undefined"],
    ["gar", changed("gar", ["message", "data"], "not base64!"), "message.data: expected base64 of a JSON object"],
    ["gar", changed("gar", ["message", "data"], Buffer.from("{not json").toString("base64")), "message.data: expected base64 of a JSON object"],
    ["gar", garEnvelope({ tag: `${GAR_IMAGE}:1.1` }), "message.data.action: expected string, received undefined"],
    ["gar", garEnvelope({ action: "INSERT", tag: GAR_IMAGE }), "message.data.tag: expected image:tag"],
    [
      "gar",
      garEnvelope({ action: "INSERT", digest: `${GAR_IMAGE}-other@${D_6EC1}`, tag: `${GAR_IMAGE}:1.1` }),
      "message.data.digest: expected image@sha256:… of the image the tag names",
    ],
    ["generic", { image: "app", tag: "1", extra: true }, 'body: unexpected field "extra"'],
    ["generic", { image: "app" }, "tag: expected string, received undefined"],
  ])("%s: %s", (provider, payload, reason) => {
    expect(readRegistryPayload(provider, payload)).toEqual({ kind: "invalid", reason });
  });

  it("clips a long unexpected field name", () => {
    const reading = readRegistryPayload("generic", { image: "app", tag: "1", ["x".repeat(500)]: 1 });
    expect(reading).toEqual({ kind: "invalid", reason: `body: unexpected field "${"x".repeat(40)}…"` });
  });

  it("refuses the truncated digest of the ECR documentation example", () => {
    const payload = changed("ecr", ["detail", "image-digest"], "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234");
    expect(readRegistryPayload("ecr", payload)).toEqual({ kind: "invalid", reason: "detail.image-digest: expected sha256: and 64 lowercase hex digits" });
  });
});

describe("readRegistryPayload: image names, tags and digests are checked", () => {
  const NAME = "expected a lowercase image name such as registry.example.com/team/app, without tag or digest";
  const LONG_TAG = "a".repeat(129);

  it.each<[RegistryProvider, unknown, string]>([
    ["dockerhub", changed("dockerhub", ["repository", "repo_name"], "Acme/API"), `repository.repo_name: ${NAME}`],
    ["quay", changed("quay", ["docker_url"], "quay.io/ns/repo:latest"), `docker_url: ${NAME}`],
    ["ecr", changed("ecr", ["detail", "repository-name"], "My Repo"), `detail.repository-name: ${NAME}`],
    ["generic", { image: "registry.example.com/team/api:1.0", tag: "1.0" }, `image: ${NAME}`],
    ["generic", { image: "app", tag: LONG_TAG }, "tag: a tag is at most 128 characters, this one has 129"],
    ["quay", changed("quay", ["updated_tags"], ["ok", LONG_TAG]), "updated_tags[1]: a tag is at most 128 characters, this one has 129"],
    [
      "harbor",
      changed("harbor", ["event_data", "resources", 0, "tag"], "-bad"),
      "event_data.resources[0].tag: a tag is letters, digits, _, . and - and does not start with . or -",
    ],
    [
      "harbor",
      changed("harbor", ["event_data", "resources", 0, "digest"], "sha256:ABC"),
      "event_data.resources[0].digest: expected sha256: and 64 lowercase hex digits",
    ],
    [
      "gar",
      garEnvelope({ action: "INSERT", digest: `${GAR_IMAGE}@sha512:00`, tag: `${GAR_IMAGE}:1.1` }),
      "message.data.digest: expected sha256: and 64 lowercase hex digits",
    ],
    ["generic", { image: "app", tag: "1", digest: D_3A4F.toUpperCase() }, "digest: expected sha256: and 64 lowercase hex digits"],
  ])("%s: %s", (provider, payload, reason) => {
    expect(readRegistryPayload(provider, payload)).toEqual({ kind: "invalid", reason });
  });

  it("does not repeat a long value in the reason", () => {
    const reading = readRegistryPayload("generic", { image: `registry.example.com/${"A".repeat(5000)}`, tag: "1" });
    expect(reading.kind).toBe("invalid");
    expect(reading.kind === "invalid" && reading.reason.length).toBeLessThan(200);
  });
});

describe("isRegistryProvider", () => {
  it("knows the providers and nothing else", () => {
    expect(REGISTRY_PROVIDERS.every(isRegistryProvider)).toBe(true);
    expect(isRegistryProvider("gcr")).toBe(false);
    expect(isRegistryProvider("constructor")).toBe(false);
  });
});

describe("registryDeliveryId", () => {
  const a = { image: "quay.io/ns/app", tag: "1.0" };
  const b = { image: "quay.io/ns/app", tag: "latest" };

  it("is stable, shaped, and independent of order and repetition", () => {
    const id = registryDeliveryId("quay", [a, b]);
    expect(id).toMatch(/^registry-quay-[0-9a-f]{32}$/);
    expect(registryDeliveryId("quay", [a, b])).toBe(id);
    expect(registryDeliveryId("quay", [b, a])).toBe(id);
    expect(registryDeliveryId("quay", [b, a, b])).toBe(id);
  });

  it("treats a missing and a null digest alike", () => {
    expect(registryDeliveryId("quay", [{ ...a, digest: null }])).toBe(registryDeliveryId("quay", [a]));
  });

  it("differs for another tag, digest or provider", () => {
    const id = registryDeliveryId("quay", [a]);
    expect(registryDeliveryId("quay", [b])).not.toBe(id);
    expect(registryDeliveryId("quay", [{ ...a, digest: D_3A4F }])).not.toBe(id);
    expect(registryDeliveryId("generic", [a])).not.toBe(id.replace("quay", "generic"));
  });
});

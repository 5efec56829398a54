import { describe, expect, it } from "vitest";
import {
  formatImage,
  isImageName,
  isTag,
  MAX_TAG_LENGTH,
  normalizeImageName,
  parseImage,
  referenceTagProblem,
  tagProblem,
  type ParsedImage,
} from "../../src/engine/images/image-name.js";

const HEX = "0123456789abcdef".repeat(4);
const DIGEST = `sha256:${HEX}`;

describe("normalizeImageName", () => {
  it.each([
    ["nginx", "docker.io/library/nginx"],
    ["library/nginx", "docker.io/library/nginx"],
    ["docker.io/nginx", "docker.io/library/nginx"],
    ["docker.io/library/nginx", "docker.io/library/nginx"],
    ["index.docker.io/library/nginx", "docker.io/library/nginx"],
    ["index.docker.io/nginx", "docker.io/library/nginx"],
    ["registry-1.docker.io/library/nginx", "docker.io/library/nginx"],
    ["bitnami/nginx", "docker.io/bitnami/nginx"],
    ["docker.io/bitnami/nginx", "docker.io/bitnami/nginx"],
    ["index.docker.io/sourcegraph/alpine-3.14", "docker.io/sourcegraph/alpine-3.14"],
    ["ghcr.io/acme/api", "ghcr.io/acme/api"],
    ["GHCR.io/acme/api", "ghcr.io/acme/api"],
    ["localhost:5000/app", "localhost:5000/app"],
    ["localhost/app", "localhost/app"],
    ["registry.example.com:8443/team/app", "registry.example.com:8443/team/app"],
    ["us-central1-docker.pkg.dev/acme/shop/cart", "us-central1-docker.pkg.dev/acme/shop/cart"],
    // A first component without `.`, `:` or `localhost` is a Docker Hub namespace, not a registry.
    ["my-registry/podinfo", "docker.io/my-registry/podinfo"],
  ])("%s → %s", (name, expected) => {
    expect(normalizeImageName(name)).toBe(expected);
    expect(normalizeImageName(expected)).toBe(expected);
  });
});

describe("parseImage", () => {
  it.each<[string, ParsedImage]>([
    ["nginx", { name: "nginx", tag: null, digest: null }],
    ["nginx:1.27", { name: "nginx", tag: "1.27", digest: null }],
    ["library/nginx", { name: "library/nginx", tag: null, digest: null }],
    ["docker.io/nginx", { name: "docker.io/nginx", tag: null, digest: null }],
    ["index.docker.io/library/nginx", { name: "index.docker.io/library/nginx", tag: null, digest: null }],
    ["ghcr.io/acme/api:1.2.3", { name: "ghcr.io/acme/api", tag: "1.2.3", digest: null }],
    ["localhost:5000/app", { name: "localhost:5000/app", tag: null, digest: null }],
    ["localhost:5000/app:1.0", { name: "localhost:5000/app", tag: "1.0", digest: null }],
    [`registry.example.com:8443/team/app:v1@${DIGEST}`, { name: "registry.example.com:8443/team/app", tag: "v1", digest: DIGEST }],
    [`app@${DIGEST}`, { name: "app", tag: null, digest: DIGEST }],
    [`busybox:1.38.0@${DIGEST}`, { name: "busybox", tag: "1.38.0", digest: DIGEST }],
    ["python:alpine3.6", { name: "python", tag: "alpine3.6", digest: null }],
    ["acme/app:CONTAINER_IMAGES_TAG", { name: "acme/app", tag: "CONTAINER_IMAGES_TAG", digest: null }],
    [`acme/app:${"v".repeat(128)}`, { name: "acme/app", tag: "v".repeat(128), digest: null }],
  ])("%s", (text, expected) => {
    expect(parseImage(text)).toEqual(expected);
    expect(formatImage(expected)).toBe(text);
  });

  it("trims surrounding blanks", () => {
    expect(parseImage("  nginx:1.0\t")).toEqual({ name: "nginx", tag: "1.0", digest: null });
  });

  it.each([
    ["a Helm template", "{{ .Values.image }}"],
    ["a template without spaces", "{{.Values.image}}"],
    ["a shell variable", "${IMAGE}"],
    ["a bare variable", "$IMAGE"],
    ["a placeholder", "<init-container-image>"],
    ["a URL", "https://x"],
    ["an OCI URL", "oci://ghcr.io/acme/charts/shop"],
    ["an empty string", ""],
    ["blanks only", "   "],
    ["a space inside", "has space"],
    ["an uppercase repository path", "ghcr.io/Acme/api"],
    ["an uppercase single name", "Nginx:1.0"],
    ["an empty tag", "nginx:"],
    ["an empty name", ":1.0"],
    ["a tag starting with a dash", "nginx:-1"],
    ["a tag of 129 characters", `nginx:${"v".repeat(129)}`],
    ["a short digest", "nginx@sha256:abc123"],
    ["a digest without algorithm", `nginx@${HEX}`],
    ["two tags", "ghcr.io/acme/api:1.0:2.0"],
    ["an empty path component", "ghcr.io//api"],
    ["a trailing slash", "ghcr.io/acme/"],
    ["a non-numeric port", "registry.example.com:https/app"],
  ])("rejects %s: %j", (_label, text) => {
    expect(parseImage(text)).toBeNull();
  });
});

describe("isImageName", () => {
  it.each(["nginx", "a/b/c", "my_app", "my__app", "my-app", "my--app", "my.app", "localhost:5000/app", "ghcr.io/acme/api", "REGISTRY.example.com/app"])(
    "%s is a name",
    (name) => {
      expect(isImageName(name)).toBe(true);
    },
  );

  it.each(["", "-app", "app-", "app.", "_app", "a//b", "Nginx", "acme/API", "my___app", "ghcr.io:abc/app", "nginx:1.0", `nginx@${DIGEST}`, "has space"])(
    "%j is not a name",
    (name) => {
      expect(isImageName(name)).toBe(false);
    },
  );
});

describe("formatImage", () => {
  it("leaves out the parts that are null", () => {
    expect(formatImage({ name: "ghcr.io/acme/api", tag: null, digest: null })).toBe("ghcr.io/acme/api");
    expect(formatImage({ name: "ghcr.io/acme/api", tag: "1.0", digest: null })).toBe("ghcr.io/acme/api:1.0");
    expect(formatImage({ name: "ghcr.io/acme/api", tag: null, digest: DIGEST })).toBe(`ghcr.io/acme/api@${DIGEST}`);
    expect(formatImage({ name: "localhost:5000/app", tag: "1.0", digest: DIGEST })).toBe(`localhost:5000/app:1.0@${DIGEST}`);
  });
});

describe("tags", () => {
  it("are at most 128 characters, Docker's limit", () => {
    expect(MAX_TAG_LENGTH).toBe(128);
    expect(isTag("v".repeat(128))).toBe(true);
    expect(isTag("v".repeat(129))).toBe(false);
  });

  it("say in one line why a text is no tag, the length first", () => {
    expect(tagProblem("1.4.2")).toBeNull();
    expect(tagProblem("v".repeat(129))).toBe("a tag is at most 128 characters, this one has 129");
    // Too long and of the wrong characters: the length is what is told.
    expect(tagProblem(`-${" ".repeat(10_000)}`)).toBe("a tag is at most 128 characters, this one has 10001");
    expect(tagProblem("-1")).toBe("a tag is letters, digits, _, . and - and does not start with . or -");
  });

  it("are found in a reference without reading the rest of it", () => {
    expect(referenceTagProblem(`ghcr.io/acme/api:${"v".repeat(129)}@${DIGEST}`)).toBe("a tag is at most 128 characters, this one has 129");
    expect(referenceTagProblem(`localhost:5000/app:${"v".repeat(128)}`)).toBeNull();
    expect(referenceTagProblem("localhost:5000/app")).toBeNull();
    expect(referenceTagProblem(`app@${DIGEST}`)).toBeNull();
  });
});

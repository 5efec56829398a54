import { describe, expect, it } from "vitest";
import { retryDelayMs, serialKey } from "../../src/service/queue/index.js";
import { jobIdOf } from "../../src/service/queue/redis-queue.js";

const of = (payload: unknown) => serialKey({ id: "x", name: "push", payload });

describe("serialKey", () => {
  it("is the repository's full name, lower-cased", () => {
    expect(of({ repository: { full_name: "Acme/GitOps" }, installation: { id: 3 } })).toBe("acme/gitops");
    expect(of({ repository: { name: "GitOps", owner: { login: "Acme" } } })).toBe("acme/gitops");
  });

  it("is the installation, then the app, when the delivery names no repository", () => {
    expect(of({ installation: { id: 42 }, repositories: [{ full_name: "a/b" }] })).toBe("installation:42");
    expect(of({ action: "revoked" })).toBe("app");
    expect(of(null)).toBe("app");
    expect(of("text")).toBe("app");
  });
});

describe("retryDelayMs", () => {
  it("doubles from the base, or takes the error's retryAfterMs", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, new Error("x"), 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(3, Object.assign(new Error("x"), { retryAfterMs: 1500 }), 1000)).toBe(1500);
    expect(retryDelayMs(1, Object.assign(new Error("x"), { retryAfterMs: "soon" }), 1000)).toBe(1000);
    expect(retryDelayMs(1, undefined, 1000)).toBe(1000);
  });
});

describe("jobIdOf", () => {
  it("gives BullMQ ids without ':' that are never integers and never collide", () => {
    expect(jobIdOf("12345")).toBe("d-12345");
    expect(jobIdOf("a:b")).not.toContain(":");
    expect(jobIdOf("a:b")).not.toBe(jobIdOf("a%3Ab"));
    expect(jobIdOf("72d3162e-cc78-11e3-81ab-4c9367dc0958")).toBe("d-72d3162e-cc78-11e3-81ab-4c9367dc0958");
  });
});

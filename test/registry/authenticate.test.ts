import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import type { RegistryProvider } from "../../src/engine/registry/registry-payload.js";
import { authenticateRegistryRequest, SIGNATURE_HEADER, type RegistryRequest } from "../../src/service/registry-webhooks/authenticate.js";

const SECRET = "s3cret-value";
const BODY = Buffer.from('{"image":"registry.example.com/team/api","tag":"1.4.2"}');

function request(parts: { query?: string; headers?: IncomingHttpHeaders; body?: Buffer }): RegistryRequest {
  return { query: new URLSearchParams(parts.query ?? ""), headers: parts.headers ?? {}, rawBody: parts.body ?? BODY };
}

function signature(body: Buffer, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

describe.each<RegistryProvider>(["dockerhub", "quay", "gar"])("%s: the secret query parameter", (provider) => {
  it("passes with the secret", () => {
    expect(authenticateRegistryRequest(provider, request({ query: `secret=${encodeURIComponent(SECRET)}` }), SECRET)).toBe(true);
  });

  it.each([
    ["a wrong secret", request({ query: "secret=wrong" }), SECRET],
    ["a longer secret", request({ query: `secret=${SECRET}x` }), SECRET],
    ["no secret", request({}), SECRET],
    ["the secret twice", request({ query: `secret=${SECRET}&secret=${SECRET}` }), SECRET],
    ["the secret in a header", request({ headers: { authorization: SECRET } }), SECRET],
    ["an empty configured secret", request({ query: "secret=" }), ""],
  ])("fails with %s", (_name, given, secret) => {
    expect(authenticateRegistryRequest(provider, given, secret)).toBe(false);
  });
});

describe.each<RegistryProvider>(["harbor", "ecr"])("%s: the Authorization header", (provider) => {
  it.each([SECRET, `Bearer ${SECRET}`, `bearer ${SECRET}`])("passes with %s", (value) => {
    expect(authenticateRegistryRequest(provider, request({ headers: { authorization: value } }), SECRET)).toBe(true);
  });

  it.each([
    ["a wrong secret", request({ headers: { authorization: "Bearer wrong" } }), SECRET],
    ["another scheme", request({ headers: { authorization: `Basic ${SECRET}` } }), SECRET],
    ["no header", request({}), SECRET],
    ["a repeated header", request({ headers: { authorization: [SECRET, SECRET] as unknown as string } }), SECRET],
    ["the secret as query parameter", request({ query: `secret=${SECRET}` }), SECRET],
    ["an empty configured secret", request({ headers: { authorization: "" } }), ""],
    ["an empty configured secret and a bare Bearer", request({ headers: { authorization: "Bearer " } }), ""],
  ])("fails with %s", (_name, given, secret) => {
    expect(authenticateRegistryRequest(provider, given, secret)).toBe(false);
  });
});

describe("generic: the body signature", () => {
  it("passes with the HMAC-SHA256 of the body", () => {
    expect(authenticateRegistryRequest("generic", request({ headers: { [SIGNATURE_HEADER]: signature(BODY) } }), SECRET)).toBe(true);
  });

  it.each([
    ["a signature with another secret", request({ headers: { [SIGNATURE_HEADER]: signature(BODY, "other") } }), SECRET],
    ["the signature of another body", request({ headers: { [SIGNATURE_HEADER]: signature(Buffer.from("{}")) } }), SECRET],
    ["the hex without its sha256= prefix", request({ headers: { [SIGNATURE_HEADER]: signature(BODY).slice("sha256=".length) } }), SECRET],
    ["a malformed signature", request({ headers: { [SIGNATURE_HEADER]: "sha256=zz" } }), SECRET],
    ["no signature", request({}), SECRET],
    ["a repeated header", request({ headers: { [SIGNATURE_HEADER]: [signature(BODY), signature(BODY)] } }), SECRET],
    ["the secret itself as query parameter", request({ query: `secret=${SECRET}` }), SECRET],
    ["an empty configured secret", request({ headers: { [SIGNATURE_HEADER]: signature(BODY, "") } }), ""],
  ])("fails with %s", (_name, given, secret) => {
    expect(authenticateRegistryRequest("generic", given, secret)).toBe(false);
  });
});

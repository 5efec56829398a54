/**
 * Authentication of registry webhook requests, each provider the way it can
 * carry a shared secret: in the URL for those that cannot set headers or
 * sign, in the Authorization header for those that can set one, and as an
 * HMAC-SHA256 signature of the body for the generic payload. Every
 * comparison is of SHA-256 digests in constant time, so neither the
 * content nor the length of the secret leaks through timing.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { RegistryProvider } from "../../engine/registry/registry-payload.js";

/** The parts of a registry webhook request that authentication reads. */
export interface RegistryRequest {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** Header of the generic payload's signature: `sha256=<hex HMAC-SHA256 of the body>`. */
export const SIGNATURE_HEADER = "x-promenade-signature-256";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Whether `given` equals `expected`, in time independent of both. */
function same(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The value of a header sent once, or null when it is missing or repeated. */
function single(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

/** The `secret` query parameter equals `secret` (and is given once). */
function querySecret(query: URLSearchParams, secret: string): boolean {
  const given = query.getAll("secret");
  return given.length === 1 && same(given[0] ?? "", secret);
}

/** The Authorization header is `secret` or `Bearer <secret>` (scheme in any case). */
function authorizationSecret(headers: IncomingHttpHeaders, secret: string): boolean {
  const given = single(headers, "authorization");
  if (given === null) return false;
  const plain = same(given, secret);
  const bearer = /^bearer /i.test(given) && same(given.slice("bearer ".length), secret);
  return plain || bearer;
}

/** The signature header is the HMAC-SHA256 of the raw body with `secret`. */
function signedBody(request: RegistryRequest, secret: string): boolean {
  const given = single(request.headers, SIGNATURE_HEADER);
  if (given === null) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(request.rawBody).digest("hex")}`;
  return same(given, expected);
}

/**
 * Whether `request` carries the registry webhook `secret` the way its
 * provider sends it: the `secret` query parameter (dockerhub, quay, gar),
 * the Authorization header as the secret or `Bearer <secret>` (harbor,
 * ecr), or the signature header (generic). False when `secret` is empty or
 * the carrying header or parameter is repeated.
 */
export function authenticateRegistryRequest(provider: RegistryProvider, request: RegistryRequest, secret: string): boolean {
  if (secret === "") return false;
  switch (provider) {
    case "dockerhub":
    case "quay":
    case "gar":
      return querySecret(request.query, secret);
    case "harbor":
    case "ecr":
      return authorizationSecret(request.headers, secret);
    case "generic":
      return signedBody(request, secret);
  }
}

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataSigningKey } from "../../src/promote/signing-key.js";

const pem = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

describe("the data-signing key", () => {
  it("is the same for every replica with the same credentials, and differs with others", () => {
    const one = dataSigningKey({ PRIVATE_KEY: pem, WEBHOOK_SECRET: "s" });
    expect(dataSigningKey({ PRIVATE_KEY: pem, WEBHOOK_SECRET: "another" })).toEqual(one);
    expect(dataSigningKey({ WEBHOOK_SECRET: "s" })).not.toEqual(one);
    expect(one).toHaveLength(32);
  });

  it("reads the private key from PRIVATE_KEY_PATH as Probot does", () => {
    const dir = mkdtempSync(join(tmpdir(), "promenade-key-"));
    writeFileSync(join(dir, "app.pem"), pem);
    expect(dataSigningKey({ PRIVATE_KEY_PATH: join(dir, "app.pem") })).toEqual(dataSigningKey({ PRIVATE_KEY: pem }));
  });

  it("refuses without any credential, but in development", () => {
    expect(() => dataSigningKey({})).toThrow(/set WEBHOOK_SECRET/);
    expect(dataSigningKey({ NODE_ENV: "development" })).toHaveLength(32);
  });
});

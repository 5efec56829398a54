import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { MASKED, MASKED_CHANGED, maskSecrets, unparseableNote } from "../../src/engine/diff/mask-secrets.js";
import { unifiedDiff } from "../../src/engine/markdown/file-diff.js";
import { changedLines, expectNoLeak, fixture, fixturePair, maskedDiff } from "./leak-checks.js";

/** Every `ENC[...]` value, `enc:` value and armoured line (age, PGP) of a SOPS file. */
function sopsSecrets(text: string): string[] {
  const encrypted = text.match(/ENC\[[^\]]*\]/g) ?? [];
  const singleEnc = [...text.matchAll(/^\s*enc: ([^|>\s].*)$/gm)].map((m) => m[1] as string);
  const armoured = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z0-9+/=]{5,}$/.test(line) && !line.startsWith("-----"));
  return [...encrypted, ...singleEnc, ...armoured];
}

const SECRET_VALUES = [
  "c3VwZXItc2VjcmV0LWRiLXBhc3M=",
  "bmV3LXJvdGF0ZWQtZGItcGFzcw==",
  "YXBpLWtleS0xMjM0NTY3ODkw",
  "bGVnYWN5LXRva2VuLXZhbHVl",
  "d2ViaG9vay1zaWduaW5nLWtleQ==",
  '"endpoint": "https://payments.internal"',
  '"clientSecret": "s3cr3t-client-value"',
  '"clientSecret": "r0tated-client-value"',
  "mailer@shop.example",
  "hunter2-smtp-password",
];

describe("maskSecrets on a Secret with data and stringData", () => {
  const { before, after } = fixturePair("secret");
  const file = "deploy/shop/secret.yaml";

  it("shows every changed line with its value hidden, and no value at all", () => {
    const diff = maskedDiff(file, before, after);
    expectNoLeak(diff, [before, after], SECRET_VALUES);
    expect(diff).toMatchInlineSnapshot(`
      "--- a/deploy/shop/secret.yaml
      +++ b/deploy/shop/secret.yaml
      @@ -6,13 +6,13 @@
         namespace: shop
         labels:
           app: api
      -    tier: backend
      +    tier: payments
       type: Opaque
       data:
      -  DB_PASSWORD: ••••••  # rotated quarterly
      +  DB_PASSWORD: •••••• (changed)  # rotated quarterly
         API_KEY: "••••••"
      -  LEGACY_TOKEN: ••••••
      +  WEBHOOK_SECRET: ••••••
       stringData:
      -  config.json: ••••••
      +  config.json: •••••• (changed)
         SMTP_USER: '••••••'
         SMTP_PASSWORD: ••••••
      "
    `);
  });

  it("marks a changed value, an added and a removed key, and leaves unchanged values out of the changed lines", () => {
    const lines = changedLines(maskedDiff(file, before, after));
    expect(lines).toContain(`-  DB_PASSWORD: ${MASKED}  # rotated quarterly`);
    expect(lines).toContain(`+  DB_PASSWORD: ${MASKED_CHANGED}  # rotated quarterly`);
    expect(lines).toContain(`-  LEGACY_TOKEN: ${MASKED}`);
    expect(lines).toContain(`+  WEBHOOK_SECRET: ${MASKED}`);
    expect(lines).toContain(`-  config.json: ${MASKED}`);
    expect(lines).toContain(`+  config.json: ${MASKED_CHANGED}`);
    expect(lines.some((line) => /API_KEY|SMTP_USER|SMTP_PASSWORD/.test(line))).toBe(false);
  });

  it("keeps every other byte, and the masked texts stay YAML with the same keys", () => {
    const masked = maskSecrets(file, before, after);
    expect(masked.masked).toBe(7);
    const doc = parse(masked.after as string) as { data: Record<string, string>; stringData: Record<string, string>; metadata: unknown };
    expect(doc.data).toEqual({ DB_PASSWORD: MASKED_CHANGED, API_KEY: MASKED, WEBHOOK_SECRET: MASKED });
    expect(doc.stringData).toEqual({ "config.json": MASKED_CHANGED, SMTP_USER: MASKED, SMTP_PASSWORD: MASKED });
    expect(doc.metadata).toEqual(parse(after).metadata);
    expect((masked.before as string).split("\n").slice(0, 11)).toEqual(before.split("\n").slice(0, 11));
    expect(masked.before).toContain(`  API_KEY: "${MASKED}"\n`);
    expect(masked.before).toContain(`  SMTP_USER: '${MASKED}'\n`);
  });

  it("hides equal values on both sides, so an unchanged file has no diff", () => {
    const masked = maskSecrets(file, before, before);
    expect(masked.before).toBe(masked.after);
    expect(masked.before).not.toContain(MASKED_CHANGED);
    expectNoLeak(
      masked.before as string,
      [before],
      SECRET_VALUES.filter((value) => before.includes(value)),
    );
  });

  it("hides every value of an added or a deleted file with the plain marker", () => {
    const added = maskSecrets(file, null, after);
    expect(added.before).toBeNull();
    expect(added.after).not.toContain(MASKED_CHANGED);
    expectNoLeak(
      added.after as string,
      [after],
      SECRET_VALUES.filter((value) => after.includes(value)),
    );
    const deleted = maskSecrets(file, before, null);
    expect(deleted.after).toBeNull();
    expectNoLeak(
      maskedDiff(file, before, null),
      [before],
      SECRET_VALUES.filter((value) => before.includes(value)),
    );
  });
});

describe("maskSecrets on a multi-document file", () => {
  const { before, after } = fixturePair("multi-doc");
  const file = "deploy/shop/worker.yaml";

  it("shows the Deployment and ConfigMap changes as they are and the Secret's value as changed", () => {
    const diff = maskedDiff(file, before, after);
    expectNoLeak(
      diff,
      [before, after],
      ["amqp://worker:Qu3ue-pa55@rabbit.shop:5672", "https://f00dfeedcafe@sentry.example/42", "https://beefbabe0451@sentry.example/43"],
    );
    expect(diff).toMatchInlineSnapshot(`
      "--- a/deploy/shop/worker.yaml
      +++ b/deploy/shop/worker.yaml
      @@ -14,7 +14,7 @@
           spec:
             containers:
               - name: worker
      -          image: ghcr.io/acme/worker:1.4.2
      +          image: ghcr.io/acme/worker:1.5.0
                 envFrom:
                   - secretRef:
                       name: worker-env
      @@ -26,7 +26,7 @@
         namespace: shop
       stringData:
         QUEUE_URL: ••••••
      -  SENTRY_DSN: ••••••
      +  SENTRY_DSN: •••••• (changed)
       ---
       apiVersion: v1
       kind: ConfigMap
      @@ -34,4 +34,4 @@
         name: worker-config
         namespace: shop
       data:
      -  LOG_LEVEL: info
      +  LOG_LEVEL: debug
      "
    `);
  });

  it("changes the same lines as the real diff when no value spans several lines", () => {
    const hunks = (diff: string) => diff.split("\n").filter((line) => line.startsWith("@@"));
    expect(hunks(maskedDiff(file, before, after))).toEqual(hunks(unifiedDiff(file, before, after)));
  });
});

describe("maskSecrets on SOPS-encrypted files", () => {
  const { before, after } = fixturePair("sops");
  const file = "deploy/payments/db-credentials.enc.yaml";

  it("hides every ENC[...] value, the mac and the age data key; the recipient, dates and settings stay", () => {
    const diff = maskedDiff(file, before, after);
    expectNoLeak(diff, [before, after], [...sopsSecrets(before), ...sopsSecrets(after)]);
    expect(diff).not.toContain("ENC[");
    expect(diff).not.toContain("AGE ENCRYPTED");
    expect(diff).toMatchInlineSnapshot(`
      "--- a/deploy/payments/db-credentials.enc.yaml
      +++ b/deploy/payments/db-credentials.enc.yaml
      @@ -6,7 +6,8 @@
       type: Opaque
       stringData:
           username: ••••••
      -    password: ••••••
      +    password: •••••• (changed)
      +    api-token: ••••••
       sops:
           kms: []
           gcp_kms: []
      @@ -15,8 +16,8 @@
           age:
               - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
                 enc: ••••••
      -    lastmodified: "2024-05-02T09:14:31Z"
      -    mac: ••••••
      +    lastmodified: "2024-06-11T16:02:07Z"
      +    mac: •••••• (changed)
           pgp: []
           encrypted_regex: ^(data|stringData)$
           version: 3.8.1
      "
    `);
    const masked = maskSecrets(file, before, after);
    expect(masked.after).toContain("recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n");
    expect(masked.after).toContain(`          enc: ${MASKED}\n    lastmodified:`);
    expect(masked.after).toContain("encrypted_regex: ^(data|stringData)$\n    version: 3.8.1\n");
  });

  it("tells an unchanged ENC value (same ciphertext) from a re-encrypted one", () => {
    const lines = changedLines(maskedDiff(file, before, after));
    expect(lines).toEqual([
      `-    password: ${MASKED}`,
      `+    password: ${MASKED_CHANGED}`,
      `+    api-token: ${MASKED}`,
      '-    lastmodified: "2024-05-02T09:14:31Z"',
      `-    mac: ${MASKED}`,
      '+    lastmodified: "2024-06-11T16:02:07Z"',
      `+    mac: ${MASKED_CHANGED}`,
    ]);
  });

  it("hides ENC values at any depth and in lists, and the enc of every key (KMS, PGP) in a fully encrypted file", () => {
    const text = fixture("sops-values.yaml");
    const masked = maskSecrets("helm/values.enc.yaml", null, text);
    expectNoLeak(masked.after as string, [text], sopsSecrets(text));
    expect(masked.after).not.toContain("PGP MESSAGE");
    expect(masked.masked).toBe(7);
    expect(parse(masked.after as string)).toMatchObject({
      database: { hosts: [MASKED, MASKED], port: MASKED, user_unencrypted: "reporting" },
      enabled: MASKED,
      sops: {
        kms: [{ arn: "arn:aws:kms:eu-west-1:123456789012:key/1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", enc: MASKED }],
        pgp: [{ enc: MASKED, fp: "85D77543B3D624B63CEA9E6DBC17301B491B3F21" }],
        mac: MASKED,
        version: "3.8.1",
      },
    });
  });

  it("reads a SOPS-encrypted JSON file as YAML", () => {
    const json = `{\n  "token": "ENC[AES256_GCM,data:c2VjcmV0dG9rZW4=,iv:aXY=,tag:dGFn,type:str]",\n  "sops": {\n    "mac": "ENC[AES256_GCM,data:bWFjdmFsdWU=,iv:aXY=,tag:dGFn,type:str]",\n    "version": "3.8.1"\n  }\n}\n`;
    expect(maskSecrets("secrets.json", json, null).before).toBe(
      `{\n  "token": "${MASKED}",\n  "sops": {\n    "mac": "${MASKED}",\n    "version": "3.8.1"\n  }\n}\n`,
    );
  });

  it("leaves ENC-looking text alone in a file without a sops block", () => {
    const text = "note: ENC[AES256_GCM,data:x,type:str]\n";
    expect(maskSecrets("notes.yaml", text, text)).toEqual({ before: text, after: text, masked: 0 });
  });
});

describe("maskSecrets with CRLF line endings", () => {
  const { before, after } = fixturePair("crlf");

  it("keeps CRLF on every line and collapses the block scalar to one line", () => {
    const masked = maskSecrets("tls.yaml", before, after);
    for (const text of [masked.before as string, masked.after as string]) {
      expect(text.replace(/\r\n/g, "")).not.toContain("\n");
      expect(text.split("\r\n")).toHaveLength(before.split("\r\n").length - 3);
    }
    expect(masked.before).toContain(`  ca.crt: ${MASKED}\r\n  client.key: "${MASKED}"\r\n`);
    expect(masked.after).toContain(`  ca.crt: ${MASKED_CHANGED}\r\n  client.key: "${MASKED}"\r\n`);
    const diff = unifiedDiff("tls.yaml", masked.before as string, masked.after as string);
    expectNoLeak(
      diff,
      [before, after],
      ["MIIBszCCAVmgAwIBAgIUZ2xvYmFsLWNhLWJlZm9yZQ==", "MIIBszCCAVmgAwIBAgIUZ2xvYmFsLWNhLWFmdGVyMDE=", "crlf-client-key-before", "BEGIN CERTIFICATE"],
    );
    expect(diff).toMatchInlineSnapshot(`
      "--- a/tls.yaml
      +++ b/tls.yaml
      @@ -4,6 +4,6 @@
         name: tls-client
       type: Opaque
       stringData:
      -  ca.crt: ••••••
      +  ca.crt: •••••• (changed)
         client.key: "••••••"
      -  region: ••••••
      +  region: •••••• (changed)
      "
    `);
  });
});

describe("maskSecrets: where else secret values are", () => {
  it("returns files without secrets unchanged", () => {
    const before = fixture("multi-doc-before.yaml").split("---\napiVersion: v1\nkind: Secret")[0] as string;
    const after = before.replace("1.4.2", "1.5.0");
    expect(maskSecrets("deploy.yaml", before, after)).toEqual({ before, after, masked: 0 });
    expect(maskSecrets("gone.yaml", null, null)).toEqual({ before: null, after: null, masked: 0 });
  });

  it("hides the Secrets of a List, the last-applied annotation, flow mappings and empty values", () => {
    const text = [
      "apiVersion: v1",
      "kind: List",
      "items:",
      "  - apiVersion: v1",
      "    kind: Secret",
      "    metadata:",
      "      name: a",
      "      annotations:",
      `        kubectl.kubernetes.io/last-applied-configuration: '{"data":{"k":"bGFzdC1hcHBsaWVk"}}'`,
      "    data: {k: Zmxvdy1tYXBwaW5nLXZhbHVl, empty: ''}",
      "  - apiVersion: v1",
      "    kind: ConfigMap",
      "    metadata: {name: b}",
      "    data: {k: visible}",
      "",
    ].join("\n");
    const masked = maskSecrets("list.yaml", text, null).before as string;
    expectNoLeak(masked, [text], ["bGFzdC1hcHBsaWVk", "Zmxvdy1tYXBwaW5nLXZhbHVl"]);
    expect(masked).toContain(`last-applied-configuration: '${MASKED}'`);
    expect(masked).toContain(`data: {k: ${MASKED}, empty: '${MASKED}'}`);
    expect(masked).toContain("data: {k: visible}");
  });

  it("follows aliases and merge keys to the anchored values they repeat", () => {
    const text = [
      "kind: Secret",
      "metadata:",
      "  name: s",
      "  labels:",
      "    hint: &token YW5jaG9yZWQtdG9rZW4=",
      "shared: &base",
      "  user: bWVyZ2VkLXVzZXI=",
      "data:",
      "  <<: *base",
      "  token: *token",
      "",
    ].join("\n");
    const masked = maskSecrets("s.yaml", text, text.replace("bWVyZ2VkLXVzZXI=", "Y2hhbmdlZA=="));
    expectNoLeak(`${masked.before}${masked.after}`, [text], ["YW5jaG9yZWQtdG9rZW4=", "bWVyZ2VkLXVzZXI="]);
    expect(masked.before).toContain(`hint: &token ${MASKED}\n`);
    expect(masked.after).toContain(`  user: ${MASKED_CHANGED}\n`);
  });

  it("hides the values of kustomize secretGenerator literals, keeping their keys", () => {
    const before = 'secretGenerator:\n  - name: app\n    literals:\n      - USER=admin-literal\n      - "PASSWORD=p4ss=word"\n';
    const after = before.replace("p4ss=word", "n3w-pass");
    const masked = maskSecrets("kustomization.yaml", before, after);
    expect(masked.before).toBe(`secretGenerator:\n  - name: app\n    literals:\n      - USER=${MASKED}\n      - "PASSWORD=${MASKED}"\n`);
    expect(masked.after).toBe(`secretGenerator:\n  - name: app\n    literals:\n      - USER=${MASKED}\n      - "PASSWORD=${MASKED_CHANGED}"\n`);
  });

  it("pairs values by document identity, or by position for documents without a name", () => {
    const secret = (name: string, value: string) => `kind: Secret\nmetadata: {name: ${name}}\ndata: {k: ${value}}\n`;
    const before = `${secret("one", "dmFsdWUtb25l")}---\n${secret("two", "dmFsdWUtdHdv")}`;
    const swapped = `${secret("two", "dmFsdWUtdHdv")}---\n${secret("one", "dmFsdWUtb25l")}`;
    const masked = maskSecrets("s.yaml", before, swapped);
    expect(masked.after).not.toContain(MASKED_CHANGED);
    const unnamed = (value: string) => `kind: Secret\ndata: {k: ${value}}\n`;
    const positional = maskSecrets("s.yaml", `${unnamed("YQ==")}---\n${unnamed("Yg==")}`, `${unnamed("YQ==")}---\n${unnamed("Yw==")}`);
    expect(positional.after).toBe(`kind: Secret\ndata: {k: ${MASKED}}\n---\nkind: Secret\ndata: {k: ${MASKED_CHANGED}}\n`);
  });

  it("hides the values of a repeated data key, tagged values and a data that is not a mapping", () => {
    const text = "kind: Secret\nmetadata: {name: x}\ndata:\n  a: !!binary c2VjcmV0LWE=\ndata:\n  b: c2VjcmV0LWI=\nstringData: not-a-mapping\n";
    expect(maskSecrets("x.yaml", text, null).before).toBe(
      `kind: Secret\nmetadata: {name: x}\ndata:\n  a: !!binary ${MASKED}\ndata:\n  b: ${MASKED}\nstringData: ${MASKED}\n`,
    );
  });

  it("counts a value present on both sides once", () => {
    const text = "kind: Secret\nmetadata: {name: s}\ndata:\n  a: YQ==\n  b: Yg==\n";
    expect(maskSecrets("s.yaml", text, text.replace("  b: Yg==\n", "  c: Yw==\n")).masked).toBe(3);
  });
});

describe("maskSecrets on a file that does not parse", () => {
  const broken = 'kind: Secret\ndata:\n  password: "c2VjcmV0\n  user: [\n';

  it("replaces a version that may hold secrets with a one-line note", () => {
    const masked = maskSecrets("bad.yaml", broken, broken);
    expect(masked).toEqual({ before: unparseableNote("bad.yaml"), after: unparseableNote("bad.yaml"), masked: 2 });
    expect(masked.before).toMatchInlineSnapshot(`
      "# bad.yaml is not valid YAML and may hold secret values: its content is hidden
      "
    `);
    expect(changedLines(maskedDiff("bad.yaml", broken, `${broken}more\n`))).toEqual([
      "-# bad.yaml is not valid YAML and may hold secret values: its content is hidden",
      "+# bad.yaml is not valid YAML and may hold secret values: its content is hidden (changed)",
    ]);
  });

  it("hides a broken version when the other version is a Secret, even without a hint in its own text", () => {
    const valid = "kind: Secret\nmetadata: {name: s}\ndata: {k: c2VjcmV0LWtleQ==}\n";
    const masked = maskSecrets("s.yaml", valid, "data: {k: c2VjcmV0LWtleQ==\n");
    expect(masked.after).toBe(unparseableNote("s.yaml"));
    expect(masked.before).not.toContain("c2VjcmV0LWtleQ==");
  });

  it("hides a broken SOPS file or kustomization with secret literals", () => {
    expect(maskSecrets("x.yaml", "a: ENC[AES256_GCM,data:eA==]\nsops:\n  mac: [\n", null).before).toBe(unparseableNote("x.yaml"));
    expect(maskSecrets("k.yaml", null, "secretGenerator: [\n").after).toBe(unparseableNote("k.yaml", false));
  });

  it("returns a broken file unchanged when nothing in it looks like a secret", () => {
    const text = "kind: Deployment\nspec: [\n";
    expect(maskSecrets("d.yaml", text, "kind: Deployment\n")).toEqual({ before: text, after: "kind: Deployment\n", masked: 0 });
  });

  it("refuses an alias bomb the same way", () => {
    const bomb = ["kind: Secret", 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(",")}]`,
      );
    expect(maskSecrets("bomb.yaml", `${bomb.join("\n")}\n`, null).before).toBe(unparseableNote("bomb.yaml"));
  });
});

describe("masked texts are YAML", () => {
  it("reads the markers back as strings in plain, quoted and block positions", () => {
    for (const name of ["secret-after.yaml", "sops-after.yaml", "crlf-after.yaml", "multi-doc-after.yaml"]) {
      const text = fixture(name);
      const masked = maskSecrets(name, fixture(name.replace("after", "before")), text);
      for (const doc of parseAllDocuments(masked.after as string)) expect(doc.errors).toEqual([]);
    }
  });
});

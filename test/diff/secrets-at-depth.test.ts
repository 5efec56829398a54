import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { MASKED, MASKED_CHANGED, maskSecrets } from "../../src/engine/diff/mask-secrets.js";
import { changedLines, expectNoLeak, fixture, fixturePair, maskedAdded, maskedDiff } from "./leak-checks.js";

/** How many times `part` occurs in `text`. */
function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Every document of `text` parses, and so does every string of it that held YAML (masked or not). */
function expectYaml(text: string, heldYaml: (data: unknown) => string[]): void {
  const docs = parseAllDocuments(text);
  for (const doc of docs) expect(doc.errors).toEqual([]);
  for (const held of heldYaml(docs[0]?.toJS())) for (const doc of parseAllDocuments(held)) expect(doc.errors).toEqual([]);
}

describe("maskSecrets on Secrets inside Helm values", () => {
  const { before, after } = fixturePair("helm-values");
  const secrets = [
    "whk_live_4f8a9c2e7b1d",
    "whk_live_0d3e5f7a9b2c",
    "TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC",
    "QVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC",
    "cGF5bWVudHMtZGItcGFzcw==",
    "cm90YXRlZC1kYi1wYXNzd29yZA==",
    "cGF5bWVudHMtdXNlcg==",
    "smtp-Pa55-quoted",
  ];

  it("hides the values of a Secret under extraObjects and of Secrets in extraDeploy strings, block or quoted, saying which changed", () => {
    const diff = maskedDiff("values.yaml", before, after);
    expectNoLeak(diff, [before, after], secrets);
    expect(diff).toMatchInlineSnapshot(`
      "--- a/values.yaml
      +++ b/values.yaml
      @@ -1,7 +1,7 @@
       # Values of the payments chart (bitnami style: extraObjects and extraDeploy).
       image:
         repository: ghcr.io/acme/payments
      -  tag: 2.3.1
      +  tag: 2.4.0
       auth:
         existingSecret: payments-auth
       extraObjects:
      @@ -11,14 +11,14 @@
             name: payments-webhook
           type: Opaque
           stringData:
      -      WEBHOOK_TOKEN: ••••••
      +      WEBHOOK_TOKEN: •••••• (changed)
             SIGNING_KEY: ••••••
         - apiVersion: v1
           kind: ConfigMap
           metadata:
             name: payments-flags
           data:
      -      REGION: eu-west-1
      +      REGION: eu-central-1
       extraDeploy:
         - |
           apiVersion: v1
      @@ -28,6 +28,6 @@
             labels:
               owner: team-payments
           data:
      -      DB_PASSWORD: ••••••
      +      DB_PASSWORD: •••••• (changed)
             DB_USER: ••••••
         - "apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: payments-smtp\\nstringData:\\n  SMTP_PASSWORD: ••••••\\n"
      "
    `);
  });

  it("keeps the strings YAML, with the markers in them, and everything else as it was", () => {
    const masked = maskSecrets("values.yaml", before, after);
    expect(masked.masked).toBe(5);
    expectYaml(masked.after as string, (values) => (values as { extraDeploy: string[] }).extraDeploy);
    const deployed = (parse(masked.after as string) as { extraDeploy: string[] }).extraDeploy.map((text) => parse(text) as Record<string, unknown>);
    expect(deployed[0]).toMatchObject({
      metadata: { name: "payments-db", labels: { owner: "team-payments" } },
      data: { DB_PASSWORD: MASKED_CHANGED, DB_USER: MASKED },
    });
    expect(deployed[1]).toMatchObject({ metadata: { name: "payments-smtp" }, stringData: { SMTP_PASSWORD: MASKED } });
  });
});

describe("maskSecrets on kustomize inline patches", () => {
  const text = fixture("kustomize-patches.yaml");

  it("hides the values of strategic merge patches of Secrets (patches and patchesStrategicMerge) and of JSON patches aimed at a Secret", () => {
    const masked = maskedAdded("kustomization.yaml", text);
    expectNoLeak(
      masked,
      [text],
      ["inline-patch-Pa55word", "YXBpLWtleS1mcm9tLWpzb24tcGF0Y2g=", "ZXh0cmEtanNvbi1wYXRjaC12YWx1ZQ==", "bGVnYWN5LXNtLXBhdGNoLXRva2Vu"],
    );
    expect(masked).toContain(`      stringData:\n        DB_PASSWORD: ${MASKED}\n`);
    expect(masked).toContain(`        path: /data/API_KEY\n        value: ${MASKED}\n`);
    expect(masked).toContain(`      TOKEN: ${MASKED}\n`);
  });

  it("shows a patch aimed at another kind as it is", () => {
    expect(maskedAdded("kustomization.yaml", text)).toContain("        path: /spec/replicas\n        value: 3\n");
  });

  it("tells a changed patched value from an unchanged one", () => {
    const after = text.replace("inline-patch-Pa55word", "inline-patch-r0tated");
    expect(changedLines(maskedDiff("kustomization.yaml", text, after))).toEqual([`-        DB_PASSWORD: ${MASKED}`, `+        DB_PASSWORD: ${MASKED_CHANGED}`]);
  });

  it("reads a strategic merge patch aimed at a Secret as a Secret, though it does not repeat its kind", () => {
    const patch =
      "patches:\n  - target: {kind: Secret, name: db}\n    patch: |-\n      metadata: {name: db}\n      stringData: {DB_PASSWORD: kindless-patch-Pa55}\n";
    expect(maskedAdded("kustomization.yaml", patch)).toBe(patch.replace("kindless-patch-Pa55", MASKED));
  });

  it("hides a patch aimed at a Secret whole when it is neither operations nor an object", () => {
    const patch = "patches:\n  - target: {kind: Secret, name: db}\n    patch: cGxhaW4tc2NhbGFyLXBhdGNo\n";
    expect(maskedAdded("kustomization.yaml", patch)).toBe(`patches:\n  - target: {kind: Secret, name: db}\n    patch: ${MASKED}\n`);
  });
});

describe("maskSecrets on Secrets inside other objects", () => {
  it("hides the Secret among an OpenShift Template's objects, parameters and other objects shown", () => {
    const text = fixture("openshift-template.yaml");
    const masked = maskedAdded("template.yaml", text);
    expectNoLeak(masked, [text], ["openshift-admin-Pa55"]);
    expect(masked).toContain(`      database-user: ${MASKED}\n      admin-password: ${MASKED}\n`);
    expect(masked).toContain("      name: ${NAME}-db\n");
    expect(masked).toContain('    from: "user[a-z0-9]{6}"\n');
  });

  it("hides a Flux HelmRelease's values: a Secret under spec.values.extraObjects, and one in an extraDeploy string", () => {
    const text = fixture("helmrelease.yaml");
    const masked = maskedAdded("helmrelease.yaml", text);
    expectNoLeak(masked, [text], ["flux-oauth-client-s3cret", "flux-redis-pa55-in-string"]);
    expect(masked).toContain(`          CLIENT_SECRET: ${MASKED}\n`);
    expect(masked).toContain(`          REDIS_PASSWORD: ${MASKED}\n`);
    expect(masked).toContain("    - kind: Secret\n      name: payments-values\n");
  });

  it("hides an Argo CD Application's helm.valuesObject, and the Helm values held in its helm.values string", () => {
    const text = fixture("argocd-application.yaml");
    const masked = maskedAdded("application.yaml", text);
    expectNoLeak(masked, [text], ["YXJnby12YWx1ZXMtb2JqZWN0LXRva2Vu", "argo-values-string-pa55"]);
    expect(masked).toContain(`              TOKEN: ${MASKED}\n`);
    expect(masked).toContain(`              PASSWORD: ${MASKED}\n`);
  });

  it("hides the Secrets of a List's items at any depth (a SecretList in a List), with a folded value over several lines", () => {
    const text = fixture("list.yaml");
    const masked = maskedAdded("list.yaml", text);
    expectNoLeak(masked, [text], ["folded-license-line-one", "folded-license-line-two"]);
    expect(masked).toContain(`          PASSWORD: ${MASKED}\n          LICENSE: ${MASKED}\n`);
  });

  it("hides a secret that equals a value shown elsewhere only where it is secret", () => {
    const text = fixture("list.yaml");
    const masked = maskedAdded("list.yaml", text);
    expect(occurrences(text, "shared-value-Xy42")).toBe(2);
    expect(occurrences(masked, "shared-value-Xy42")).toBe(1);
    expect(masked).toContain("      GREETING: shared-value-Xy42\n");
    const inString = 'extraDeploy:\n  - "kind: Secret\\nmetadata: {labels: {hint: same-as-secret-42}}\\ndata: {k: same-as-secret-42}"\n';
    expect(maskedAdded("values.yaml", inString)).toBe(
      `extraDeploy:\n  - "kind: Secret\\nmetadata: {labels: {hint: same-as-secret-42}}\\ndata: {k: ${MASKED}}"\n`,
    );
  });

  it("hides SealedSecrets at depth and at the top: encryptedData, template data, and the older sealed data", () => {
    const text = fixture("sealed-secrets.yaml");
    const masked = maskedAdded("sealed.yaml", text);
    expectNoLeak(
      masked,
      [text],
      [
        "AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq",
        "AgC5v0PlBCy7G1bdSL1a4nc8OKR8kO5Q",
        "sealed-template-t0ken",
        "AgDXwF2fV0vSd5Yk8v7iP3kQJ1zq9Hh4",
        "AgLegacyWholeSecretSealedBlob0123",
      ],
    );
    expect(masked).toContain(`        API_TOKEN: ${MASKED}\n        DB_URL: ${MASKED}\n`);
    expect(masked).toContain(`          config.yaml: ${MASKED}\n---\n`);
    expect(masked).toContain("        type: Opaque\n");
  });

  it("hides the Secret in the JSON of another object's last-applied annotation, and only its values", () => {
    const applied = `{"kind":"HelmRelease","spec":{"values":{"extraObjects":[{"kind":"Secret","metadata":{"name":"applied"},"data":{"k":"bGFzdC1hcHBsaWVkLXNlY3JldA=="}}]}}}`;
    const text = `kind: HelmRelease\nmetadata:\n  name: payments\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '${applied}'\n`;
    expect(maskedAdded("helmrelease.yaml", text)).toBe(text.replace("bGFzdC1hcHBsaWVkLXNlY3JldA==", MASKED));
  });

  it("hides a Secret that a SOPS file's encrypted_regex leaves in clear", () => {
    const text = [
      "database:",
      "    password: ENC[AES256_GCM,data:c29wcy12YWx1ZQ==,iv:aXY=,tag:dGFn,type:str]",
      "extraObjects:",
      "    - kind: Secret",
      "      stringData:",
      "        token: left-in-clear-by-sops",
      "sops:",
      "    mac: ENC[AES256_GCM,data:bWFjLXZhbHVl,iv:aXY=,tag:dGFn,type:str]",
      "    encrypted_regex: ^password$",
      "    version: 3.8.1",
      "",
    ].join("\n");
    const masked = maskedAdded("values.enc.yaml", text);
    expectNoLeak(masked, [text], ["left-in-clear-by-sops", "c29wcy12YWx1ZQ==", "bWFjLXZhbHVl"]);
    expect(masked).toContain(`        token: ${MASKED}\n`);
  });

  it("follows merge keys to the data a Secret takes from an anchor", () => {
    const text = "defaults: &defaults\n  data:\n    k: bWVyZ2VkLWluLWRhdGE=\nsecret:\n  <<: *defaults\n  kind: Secret\n";
    expect(maskedAdded("values.yaml", text)).toBe(`defaults: &defaults\n  data:\n    k: ${MASKED}\nsecret:\n  <<: *defaults\n  kind: Secret\n`);
  });

  it("counts apiVersion v1, none and a template as a Secret, and leaves another API group's Secret kind alone", () => {
    const text = [
      "extraObjects:",
      "  - {apiVersion: v1, kind: Secret, stringData: {k: value-of-v1}}",
      "  - {kind: Secret, stringData: {k: value-of-none}}",
      "  - {apiVersion: '{{ .Values.api }}', kind: Secret, stringData: {k: value-of-template}}",
      "  - {apiVersion: vault.example.com/v1, kind: Secret, stringData: {k: value-of-vault}}",
      "",
    ].join("\n");
    const masked = maskedAdded("values.yaml", text);
    expectNoLeak(masked, [text], ["value-of-v1", "value-of-none", "value-of-template"]);
    expect(masked).toContain("{k: value-of-vault}");
  });
});

describe("maskSecrets on values over several lines inside strings", () => {
  const lines = ["-----BEGIN CERTIFICATE-----", "TXVsdGktbGluZS1jZXJ0LWxpbmUtb25l", "TXVsdGktbGluZS1jZXJ0LWxpbmUtdHdv", "-----END CERTIFICATE-----"];

  it("hides a block value of a block string as one marker, keeping the string's other lines", () => {
    const text = `extraDeploy:\n  - |\n    kind: Secret\n    stringData:\n      tls.crt: |\n${lines.map((line) => `        ${line}\n`).join("")}      tls.key: a-key\n    type: kubernetes.io/tls\n`;
    expect(maskedAdded("values.yaml", text)).toBe(
      `extraDeploy:\n  - |\n    kind: Secret\n    stringData:\n      tls.crt: ${MASKED}\n      tls.key: ${MASKED}\n    type: kubernetes.io/tls\n`,
    );
  });

  it("hides a value spread over the lines of a double-quoted string, a value folded over lines of a single-quoted string, and a plain one", () => {
    const quoted = `extraDeploy:\n  - "kind: Secret\\nstringData:\\n  tls.crt: |\\n${lines.map((line) => `    ${line}\\n`).join("")}"\n`;
    const maskedQuoted = maskedAdded("values.yaml", quoted);
    expectNoLeak(maskedQuoted, [quoted], lines.slice(1, 3));
    expect(maskedQuoted).toBe(`extraDeploy:\n  - "kind: Secret\\nstringData:\\n  tls.crt: ${MASKED}\\n"\n`);
    const plain = "patches:\n  - patch: {kind: Secret, data: {k: plain-folded-value-\n      continued-on-a-line}}\n";
    expect(maskedAdded("kustomization.yaml", plain)).toBe(`patches:\n  - patch: {kind: Secret, data: {k: ${MASKED}}}\n`);
    const string = "extraDeploy:\n  - 'kind: Secret\n\n    data: {k: single-quoted-value-\n    continued-on-a-line}'\n";
    expect(maskedAdded("values.yaml", string)).toBe(`extraDeploy:\n  - 'kind: Secret\n\n    data: {k: ${MASKED}}'\n`);
  });
});

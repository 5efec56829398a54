import { describe, expect, it } from "vitest";
import { MASKED } from "../../src/engine/diff/mask-secrets.js";
import { MAX_NESTING, MAX_TEXTS } from "../../src/engine/diff/secret-values.js";
import { expectNoLeak, maskedAdded } from "./leak-checks.js";

/** `text` indented by `spaces`, line by line. */
function indent(text: string, spaces: number): string {
  return text.replace(/^(?=.)/gm, " ".repeat(spaces));
}

/** A Secret named `name` whose one value is `value`, as YAML text. */
function secretText(name: string, value: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  k: ${value}\n`;
}

describe("maskSecrets on strings that mention a Secret but cannot be read apart", () => {
  it("hides a string that does not parse (a Helm template) whole", () => {
    const text = `extraDeploy:\n  - |\n    {{- if .Values.auth.enabled }}\n${indent(secretText("templated", "templated-Pa55-value"), 4)}    {{- end }}\n`;
    expect(maskedAdded("values.yaml", text)).toBe(`extraDeploy:\n  - ${MASKED}\n`);
  });

  it("hides a string that parses but holds no Kubernetes Secret whole", () => {
    const text = "extraDeploy:\n  - |\n    apiVersion: vault.example.com/v1\n    kind: Secret\n    spec: {token: crd-token-value}\n";
    expect(maskedAdded("values.yaml", text)).toBe(`extraDeploy:\n  - ${MASKED}\n`);
  });

  it("hides a string whose value cannot be traced back to its text whole", () => {
    // The indentation indicator 1 keeps two of the three spaces in the value: the map finds no exact trace, so it gives none.
    const text = "extraDeploy:\n  - |1\n     kind: Secret\n     stringData: {k: untraceable-value}\n";
    expect(maskedAdded("values.yaml", text)).toBe(`extraDeploy:\n  - ${MASKED}\n`);
  });

  it("leaves strings that mention no Secret as they are", () => {
    const text = "notes: |\n  Create the secretKeyRef first: kubectl create secret generic db\nkind: ConfigMap\n";
    expect(maskedAdded("values.yaml", text)).toBe(text);
  });
});

describe("maskSecrets bounds the YAML it reads from strings", () => {
  it(`reads ${MAX_TEXTS} strings of a file as YAML and hides the others that mention a Secret whole`, () => {
    const strings = Array.from({ length: MAX_TEXTS + 2 }, (_, i) => `  - |\n${indent(secretText(`name-${i}`, `budget-value-${i}`), 4)}`);
    const text = `extraDeploy:\n${strings.join("")}`;
    const masked = maskedAdded("values.yaml", text);
    expectNoLeak(
      masked,
      [text],
      Array.from({ length: MAX_TEXTS + 2 }, (_, i) => `budget-value-${i}`),
    );
    expect(masked).toContain(`  name: name-${MAX_TEXTS - 1}\n`);
    expect(masked).not.toContain(`name-${MAX_TEXTS}\n`);
    expect(masked.endsWith(`  - ${MASKED}\n  - ${MASKED}\n`)).toBe(true);
  });

  it("reads an anchored string once, however many aliases repeat it", () => {
    const aliases = Array.from({ length: MAX_TEXTS + 1 }, () => "  - *shared\n").join("");
    const text = `shared: &shared "${secretText("shared", "anchored-value").replace(/\n/g, "\\n")}"\nrefs:\n${aliases}last: |\n${indent(secretText("last", "last-value"), 2)}`;
    const masked = maskedAdded("values.yaml", text);
    expectNoLeak(masked, [text], ["anchored-value", "last-value"]);
    expect(masked).toContain("  name: last\n");
  });

  it(`reads strings inside strings ${MAX_NESTING} deep and hides deeper ones whole`, () => {
    let text = secretText(`level-${MAX_NESTING + 2}`, `nested-value-${MAX_NESTING + 2}`);
    for (let level = MAX_NESTING + 1; level >= 0; level--) text = `${secretText(`level-${level}`, `nested-value-${level}`)}nested: |\n${indent(text, 2)}`;
    const masked = maskedAdded("values.yaml", text);
    expectNoLeak(
      masked,
      [text],
      Array.from({ length: MAX_NESTING + 3 }, (_, level) => `nested-value-${level}`),
    );
    expect(masked).toContain(`name: level-${MAX_NESTING}\n`);
    expect(masked).not.toContain(`level-${MAX_NESTING + 1}`);
  });
});

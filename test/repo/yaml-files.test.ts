import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { decodeYamlBytes, isYamlPath, MAX_YAML_BYTES } from "../../src/engine/repo/yaml-files.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function decodeError(bytes: Uint8Array): InputError {
  try {
    decodeYamlBytes("deploy/dev/values.yaml", bytes);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("isYamlPath", () => {
  it.each(["a.yaml", "deploy/dev/values.yml", "X.YAML", "k.Yml", ".argocd-source-app.yaml"])("accepts %s", (path) => {
    expect(isYamlPath(path)).toBe(true);
  });

  it.each(["README.md", "values.yaml.bak", "yaml", "deploy/yaml/file.json", "a.yamll"])("rejects %s", (path) => {
    expect(isYamlPath(path)).toBe(false);
  });
});

describe("decodeYamlBytes", () => {
  it("returns the text exactly, byte order mark and CRLF line endings included", () => {
    const text = '\uFEFFimage:\r\n  tag: "1.0" # ünïcode\r\n';
    expect(decodeYamlBytes("values.yaml", utf8(text))).toBe(text);
  });

  it("reads a file of exactly 1 MiB", () => {
    expect(decodeYamlBytes("big.yaml", new Uint8Array(MAX_YAML_BYTES).fill(0x20))).toHaveLength(MAX_YAML_BYTES);
  });

  it("refuses a file over 1 MiB, saying how large it is", () => {
    const error = decodeError(new Uint8Array(MAX_YAML_BYTES + 1).fill(0x20));
    expect(error.message).toBe("deploy/dev/values.yaml: larger than 1 MiB (1048577 bytes); Promenade does not read it");
  });

  it("refuses binary content, naming the line of the NUL byte", () => {
    const error = decodeError(utf8("a: 1\nb: \u0000\n"));
    expect(error.message).toBe("deploy/dev/values.yaml:2: binary content (contains a NUL byte), not YAML text");
  });

  it("refuses bytes that are not UTF-8, naming the line of the first bad byte", () => {
    const bytes = new Uint8Array([...utf8("a: 1\nb: ü\nc: "), 0xff, 0xfe, ...utf8("\n")]);
    const error = decodeError(bytes);
    expect(error.message).toBe("deploy/dev/values.yaml:3: not valid UTF-8 text");
  });

  it("refuses a truncated multi-byte sequence at the end of the file", () => {
    const error = decodeError(new Uint8Array([...utf8("a: 1\nb: "), 0xe2, 0x82]));
    expect(error.message).toBe("deploy/dev/values.yaml:2: not valid UTF-8 text");
  });
});

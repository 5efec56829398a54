/**
 * A YAML node as plain data for CEL: mappings as objects, sequences as
 * arrays, integers as bigints (CEL `int`), other numbers as numbers (CEL
 * `double`), aliases expanded. Converting the nodes of the one safe parse
 * (parseYamlSource) saves parsing the file a second time with `intAsBigInt`.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Scalar } from "yaml";

/**
 * Integers of the YAML 1.2 core schema, which the yaml library resolves
 * plain scalars with: decimal, `0o` octal and `0x` hexadecimal.
 */
const INTEGER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const INT_TAG = "tag:yaml.org,2002:int";

/**
 * The plain value of `node`, a node of `document`. The document must have
 * been checked for alias bombs (parseYamlSource does), as every alias is
 * expanded.
 */
export function plainData(node: unknown, document: Document.Parsed): unknown {
  if (isAlias(node)) return plainData(node.resolve(document), document);
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return node.items.map((item) => plainData(item, document));
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = plainData(pair.key, document);
      // A key named __proto__ is data, not the object's prototype.
      Object.defineProperty(object, key === null || key === undefined ? "" : String(key), {
        value: plainData(pair.value, document),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  return null;
}

function scalarValue(node: Scalar): unknown {
  const { value } = node;
  if (typeof value !== "number" || !Number.isInteger(value)) return value;
  const source = (node as Scalar & { source?: unknown }).source;
  const text = typeof source === "string" ? source.trim() : "";
  if (node.tag !== INT_TAG && !(node.type === "PLAIN" && INTEGER.test(text))) return value;
  try {
    return BigInt(text.replace(/^\+/, ""));
  } catch {
    return BigInt(value);
  }
}

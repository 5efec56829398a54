/**
 * Checks that a REST request is one GitHub would accept, against GitHub's
 * official OpenAPI description (`@octokit/openapi`): the path is a known
 * template, the method exists there, the query names the operation's
 * parameters with valid values, and the JSON body matches the operation's
 * request body schema. The 13 MB description is read once, on first use.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`.
const addFormats = addFormatsModule.default;

const DOC_ID = "github-rest";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Parameter {
  name: string;
  in: string;
  schema?: object;
  "x-multi-segment"?: boolean;
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

interface PathTemplate {
  template: string;
  pattern: RegExp;
  /** Literal characters in the template: the most specific match wins. */
  literalLength: number;
}

interface Loaded {
  doc: OpenApiDocument;
  ajv: Ajv;
  templates: PathTemplate[];
  validators: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
  const doc = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  rewriteNullable(doc);
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false, validateSchema: false });
  addOpenApiFormats(ajv);
  ajv.addSchema(doc as object, DOC_ID);
  const templates = Object.keys(doc.paths).map((template) => pathTemplate(doc, template));
  loaded = { doc, ajv, templates, validators: new Map() };
  return loaded;
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `null` joins the type (and
 * the enum), or, on a schema without a type (`oneOf`, `allOf`…), an `anyOf`
 * with `{type: "null"}`. Ajv's own `nullable` refuses the latter.
 */
function rewriteNullable(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(rewriteNullable);
  if (typeof value !== "object" || value === null) return;
  const schema = value as Record<string, unknown>;
  Object.values(schema).forEach(rewriteNullable);
  if (schema.nullable !== true) return;
  delete schema.nullable;
  if (typeof schema.type === "string") {
    schema.type = [schema.type, "null"];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
    return;
  }
  const rest = { ...schema };
  for (const key of Object.keys(schema)) Reflect.deleteProperty(schema, key);
  schema.anyOf = [rest, { type: "null" }];
}

/** ajv-formats plus the OpenAPI and GitHub formats the description uses. */
function addOpenApiFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat("repo.nwo", /^[\w.-]+\/[\w.-]+$/);
  ajv.addFormat("timestamp", true);
  ajv.addFormat("binary", true);
  for (const format of ["int32", "int64"]) ajv.addFormat(format, { type: "number", validate: Number.isInteger });
  ajv.addFormat("double", { type: "number", validate: () => true });
  return ajv;
}

/** A regular expression for a path template; `x-multi-segment` parameters may contain `/`. */
function pathTemplate(doc: OpenApiDocument, template: string): PathTemplate {
  const multi = new Set(
    Object.values(doc.paths[template] ?? {})
      .flatMap((op) => (typeof op === "object" && op && "parameters" in op ? (op.parameters ?? []) : []))
      .map((p) => resolveParameter(doc, p))
      .filter((p) => p.in === "path" && p["x-multi-segment"])
      .map((p) => p.name),
  );
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return multi.has(name) ? "(.+)" : "([^/]+)";
    })
    .join("");
  const literalLength = template.replace(/\{[^}]+\}/g, "").length;
  return { template, pattern: new RegExp(`^${source}$`), literalLength };
}

function resolveParameter(doc: OpenApiDocument, p: Parameter | { $ref: string }): Parameter {
  if (!("$ref" in p)) return p;
  const name = p.$ref.replace("#/components/parameters/", "");
  return doc.components.parameters?.[name] as Parameter;
}

/** JSON pointer fragment of a document key. */
function pointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function validator(state: Loaded, key: string, ref: string): ValidateFunction {
  let validate = state.validators.get(key);
  if (!validate) {
    validate = state.ajv.compile({ $ref: `${DOC_ID}#${ref}` });
    state.validators.set(key, validate);
  }
  return validate;
}

/** The OpenAPI path template a request path matches, e.g. `/repos/{owner}/{repo}/git/refs`. */
export function matchPathTemplate(path: string): string | undefined {
  let best: PathTemplate | undefined;
  for (const candidate of load().templates) {
    if (candidate.pattern.test(path) && (!best || candidate.literalLength > best.literalLength)) best = candidate;
  }
  return best?.template;
}

/**
 * Problems GitHub would have with this request; empty when it is valid.
 * `url` may be absolute (`https://api.github.com/...`, GHES `/api/v3/...`)
 * or a path with a query string; `body` is the parsed JSON body, if any.
 */
export function validateRequest(method: string, url: string, body?: unknown): string[] {
  const state = load();
  const parsed = new URL(url, "https://api.github.com");
  const path = parsed.pathname.replace(/^\/api\/v3(?=\/)/, "");
  const verb = method.toLowerCase();
  const label = `${method.toUpperCase()} ${path}`;
  const template = matchPathTemplate(path);
  if (!template) return [`${label}: no such path in GitHub's REST API`];
  const operation = state.doc.paths[template]?.[verb];
  if (!operation || !METHODS.includes(verb)) return [`${label}: ${template} has no ${method.toUpperCase()} operation`];
  const where = `${method.toUpperCase()} ${template}`;
  return [...queryProblems(state, where, operation, parsed.searchParams), ...bodyProblems(state, where, template, verb, operation, body)];
}

function queryProblems(state: Loaded, where: string, operation: Operation, query: URLSearchParams): string[] {
  const known = new Map(
    (operation.parameters ?? [])
      .map((p) => resolveParameter(state.doc, p))
      .filter((p) => p.in === "query")
      .map((p) => [p.name, p] as const),
  );
  const problems: string[] = [];
  for (const [name, value] of query) {
    const parameter = known.get(name);
    if (!parameter) {
      problems.push(`${where}: unknown query parameter "${name}"`);
      continue;
    }
    if (!parameter.schema) continue;
    const validate = queryValidator(state, where, parameter);
    if (!validate({ value })) {
      problems.push(`${where}: query parameter "${name}=${value}": ${state.ajv.errorsText(validate.errors)}`);
    }
  }
  return problems;
}

let coercing: Ajv | undefined;

/** Query values are strings: validate them with type coercion, as GitHub parses them. */
function queryValidator(state: Loaded, where: string, parameter: Parameter): ValidateFunction {
  const key = `${where}?${parameter.name}`;
  let validate = state.validators.get(key);
  if (!validate) {
    coercing ??= addOpenApiFormats(new Ajv({ strict: false, coerceTypes: "array" }));
    validate = coercing.compile({ type: "object", properties: { value: parameter.schema } });
    state.validators.set(key, validate);
  }
  return validate;
}

function bodyProblems(state: Loaded, where: string, template: string, verb: string, operation: Operation, body: unknown): string[] {
  const hasBody = body !== undefined && body !== null && body !== "";
  const content = operation.requestBody?.content;
  if (!content) return hasBody ? [`${where}: takes no request body`] : [];
  if (!hasBody) return operation.requestBody?.required ? [`${where}: a request body is required`] : [];
  if (!("application/json" in content)) return [];
  const ref = `/paths/${pointer(template)}/${verb}/requestBody/content/application~1json/schema`;
  const validate = validator(state, where, ref);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message ?? "is invalid"}${paramsText(e.params)}`);
}

function paramsText(params: Record<string, unknown>): string {
  if ("allowedValues" in params) return ` (${JSON.stringify(params.allowedValues)})`;
  if ("additionalProperty" in params) return ` ("${String(params.additionalProperty)}")`;
  return "";
}

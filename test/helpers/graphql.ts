/**
 * Checks GraphQL documents against GitHub's public schema
 * (`@octokit/graphql-schema`): syntax, fields and arguments, and the
 * variables' values against their declared input types. The schema is built
 * once, on first use.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  buildSchema,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from "graphql";

let schema: GraphQLSchema | undefined;

/** The package's `exports` hide `schema.graphql`, so look for it along Node's module search paths. */
function githubSchema(): GraphQLSchema {
  if (!schema) {
    const searchPaths = createRequire(import.meta.url).resolve.paths("@octokit/graphql-schema") ?? [];
    const file = searchPaths.map((dir) => join(dir, "@octokit", "graphql-schema", "schema.graphql")).find((candidate) => existsSync(candidate));
    if (!file) throw new Error("@octokit/graphql-schema is not installed");
    schema = buildSchema(readFileSync(file, "utf8"), { assumeValidSDL: true });
  }
  return schema;
}

/**
 * Problems GitHub's GraphQL API would report for this document and these
 * variables; empty when both are valid.
 */
export function validateGraphql(query: string, variables: Record<string, unknown> = {}): string[] {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return [error instanceof GraphQLError ? error.message : String(error)];
  }
  const problems = validate(githubSchema(), document).map((e) => e.message);
  if (problems.length > 0) return problems;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  if (operations.length !== 1) return [`expected one operation, found ${operations.length}`];
  const coerced = getVariableValues(githubSchema(), operations[0]?.variableDefinitions ?? [], variables);
  return coerced.errors?.map((e) => e.message) ?? [];
}

/** `query` or `mutation`: whether a GraphQL document reads or writes. */
export function graphqlOperationType(query: string): OperationTypeNode | undefined {
  try {
    const definition = parse(query).definitions.find((d) => d.kind === "OperationDefinition");
    return definition?.kind === "OperationDefinition" ? definition.operation : undefined;
  } catch {
    return undefined;
  }
}

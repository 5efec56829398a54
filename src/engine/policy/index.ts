/** The policy engine: built-in policies and CEL rules evaluated on an environment as it will run (its rendered manifests, or its files), with no GitHub access. */
export { evaluatePolicies, type PolicySubject } from "./evaluate-policies.js";
export { hasErrors, type PolicyFinding, type PolicyReport, type PolicyResult } from "./policy-report.js";
export { kustomizeSources, type KustomizeSources } from "./kustomize-sources.js";

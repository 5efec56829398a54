/**
 * Which mappings hold secret values, wherever they stand: Kubernetes
 * Secrets, Bitnami SealedSecrets, and kustomize patches aimed at a Secret;
 * and which texts may hold any of them.
 */
import type { Document, YAMLMap } from "yaml";
import { child, children, plainString } from "./yaml-nodes.js";

/** Text that looks like it holds a Secret or SealedSecret, a SOPS-encrypted document or kustomize secret literals. */
const MAY_HOLD_SECRETS = /\bkind["']?\s*:\s*["']?(?:Sealed)?Secret(?![\w-])|\b(?:sops|secretGenerator)["']?\s*:/;

/** An apiVersion naming an API group of its own (`bitnami.com/v1alpha1`), whose `Secret` kind, if any, is not Kubernetes' Secret. */
const OTHER_API_GROUP = /^[^/\s]+\.[^/\s]+\/[^/\s]+$/;

/** True when `text` looks like it holds secret values. */
export function mayHoldSecrets(text: string): boolean {
  return MAY_HOLD_SECRETS.test(text);
}

/**
 * True when a `kind` of `node` (any, should the key be repeated) is
 * `Secret` and its apiVersion is `v1`, absent, or anything but another API
 * group's (a template such as `{{ .Values.apiVersion }}` counts as v1).
 */
export function isSecret(doc: Document.Parsed, node: YAMLMap): boolean {
  if (!hasKind(doc, node, "Secret")) return false;
  const apiVersion = plainString(doc, child(doc, node, "apiVersion"));
  return apiVersion === undefined || !OTHER_API_GROUP.test(apiVersion.trim());
}

/** True when a `kind` of `node` is `SealedSecret`, whatever its apiVersion. */
export function isSealedSecret(doc: Document.Parsed, node: YAMLMap): boolean {
  return hasKind(doc, node, "SealedSecret");
}

/**
 * True when `node` is a patch aimed at a Secret: a mapping with a `patch`
 * and a `target` whose kind is `Secret`, as kustomize's `patches` and
 * `patchesJson6902`, Flux's and Argo CD's `patches` write them.
 */
export function isSecretPatch(doc: Document.Parsed, node: YAMLMap): boolean {
  return child(doc, node, "patch") !== undefined && children(doc, node, "target").some((target) => hasKind(doc, target, "Secret"));
}

function hasKind(doc: Document.Parsed, node: unknown, kind: string): boolean {
  return children(doc, node, "kind").some((value) => plainString(doc, value)?.trim() === kind);
}

/**
 * Following `_extends` (extendsTarget says what it may name): the config
 * without it, deep-merged over the base config it names (keys of the config
 * win, lists are replaced), as Probot's `_extends` does. One level only. The
 * caller reads the base's text; problems are problems at `_extends` and
 * never quote the base.
 */
import { ConfigError } from "../errors.js";
import { deepMerge } from "./deep-merge.js";
import { EXTENDS_REPOSITORY, extendsTarget } from "./extends-target.js";
import { isMapping } from "./mapping.js";
import { CONFIG_PATH, readConfigYaml } from "./parse-config.js";

/** What a config's data asks for: nothing more (no `_extends`), or the base at `path` of `owner`'s `.github` repository, under `own`. */
export type ExtendsRequest = { kind: "none" } | { kind: "base"; own: Record<string, unknown>; repository: { owner: string; repo: string }; path: string };

/**
 * What `input` (a config's data, in `owner`'s account) asks for. An
 * `_extends` naming anything but the owner's `.github` repository throws a
 * problem at `_extends`, before anything is read.
 */
export function extendsRequest(input: unknown, owner: string): ExtendsRequest {
  if (!isMapping(input) || !Object.hasOwn(input, "_extends")) return { kind: "none" };
  const { _extends: value, ...own } = input;
  const target = extendsTarget(value, owner);
  if ("problem" in target) throw extendsError(target.problem);
  return { kind: "base", own, repository: { owner, repo: EXTENDS_REPOSITORY }, path: target.path ?? CONFIG_PATH };
}

/**
 * `own` merged over the base config's YAML `text`, read in `where` (null: the
 * base is not there). Throws a problem at `_extends` when it is absent, not
 * YAML, or has `_extends` itself.
 */
export function mergeOverBase(own: Record<string, unknown>, text: string | null, where: string): unknown {
  if (text === null) throw extendsError(`the base config is not in ${where} (no such file, or Promenade is not installed on ${where})`);
  const baseInput = readBaseYaml(text, where);
  if (isMapping(baseInput) && Object.hasOwn(baseInput, "_extends")) {
    throw extendsError(`the base config in ${where} has _extends itself; expected a base without one (Promenade follows one level)`);
  }
  return deepMerge(baseInput, own);
}

/** A problem at `_extends` of the config file. */
export function extendsError(message: string): ConfigError {
  return new ConfigError(CONFIG_PATH, [{ path: "_extends", message, keys: ["_extends"] }]);
}

/** The data of the base config's YAML `text`; a problem at `_extends` when it is not YAML. */
function readBaseYaml(text: string, where: string): unknown {
  try {
    return readConfigYaml(text);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw extendsError(`the base config in ${where} is not valid YAML (${error.issues.map((issue) => issue.message).join("; ")})`);
  }
}

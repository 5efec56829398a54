import type { Config, ImagePolicy } from "../config/schema.js";
import { normalizeImageName } from "../images/image-name.js";

/** The `images` entry of `image` (a Docker-normalised name), or undefined when the config does not list it. */
export function imagePolicyFor(config: Pick<Config, "images">, image: string): ImagePolicy | undefined {
  return config.images?.find((policy) => normalizeImageName(policy.name) === image);
}

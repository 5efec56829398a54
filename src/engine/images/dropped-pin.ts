/** A digest pin that an edit takes off, because the new version has no digest to pin. */

/** The first reference of an image in a file whose pin an edit drops (one per file and image). */
export interface DroppedPin {
  file: string;
  /** 1-based line of that reference's tag or digest text, before the edit. */
  line: number;
  /** Docker-normalised image name. */
  image: string;
  /** The version written instead, which has no digest. */
  version: string;
}

/** `the pin of <image> in <file> is dropped: <version> has no digest`, each part passed through `quote` (e.g. a Markdown code span). */
export function droppedPinNote(pin: DroppedPin, quote: (text: string) => string = (text) => text): string {
  return `the pin of ${quote(pin.image)} in ${quote(pin.file)} is dropped: ${quote(pin.version)} has no digest`;
}

/** Deploy windows: merges only while one of the environment's windows is open, read in each window's time zone. */
import type { DeployWindow } from "../config/schema.js";
import { nextWindowSpan, windowSpanAt, type WindowSpan } from "../config/window.js";
import { utcText, zonedText } from "./format.js";
import type { RequirementStatus } from "./types.js";

/** How many spans of windows that touch each other are followed to find when they all close (a week of whole days). */
const MOST_SPANS_FOLLOWED = 16;

/** `Mon-Thu 09:00-16:00 Europe/Berlin`. */
function windowText(window: DeployWindow): string {
  return `${window.days} ${window.hours} ${window.timezone}`;
}

/** The earliest next opening among `windows`, with the window it belongs to. */
function nextOpening(windows: readonly DeployWindow[], now: Date): { window: DeployWindow; span: WindowSpan } | null {
  let first: { window: DeployWindow; span: WindowSpan } | null = null;
  for (const window of windows) {
    const span = nextWindowSpan(window, now);
    if (span !== null && (first === null || span.start < first.span.start)) first = { window, span };
  }
  return first;
}

/** The next instant ≥ now at which one of `windows` opens; null when `windows` is empty. */
export function nextWindowOpening(windows: readonly DeployWindow[], now: Date): Date | null {
  return nextOpening(windows, now)?.span.start ?? null;
}

/**
 * When the open windows close, following windows that open as another closes,
 * with the window whose span ends last; null when no window is open at `now`.
 */
function closing(windows: readonly DeployWindow[], now: Date): { window: DeployWindow; at: Date } | null {
  let last: { window: DeployWindow; at: Date } | null = null;
  for (let followed = 0; followed < MOST_SPANS_FOLLOWED; followed++) {
    const at = last?.at ?? now;
    let later: { window: DeployWindow; at: Date } | null = null;
    for (const window of windows) {
      const span = windowSpanAt(window, at);
      if (span !== null && (later === null || span.end > later.at)) later = { window, at: span.end };
    }
    if (later === null) return last;
    last = later;
  }
  return last;
}

/** The deploy-window requirement at `now`; null when the environment has no windows. */
export function windowStatus(windows: readonly DeployWindow[], now: Date): RequirementStatus | null {
  if (windows.length === 0) return null;
  const kind = "window";
  const open = closing(windows, now);
  if (open !== null) {
    return {
      kind,
      met: true,
      detail: `inside ${windows.map(windowText).join(" or ")} until ${zonedText(open.at, open.window.timezone)} (${utcText(open.at)})`,
      changesAt: open.at,
    };
  }
  const next = nextOpening(windows, now);
  const listed = `outside ${windows.map(windowText).join(" and ")}`;
  if (next === null) return { kind, met: false, detail: listed, missing: "no window opens" };
  const opens = `window opens ${zonedText(next.span.start, next.window.timezone)}`;
  return { kind, met: false, detail: `${listed}; ${opens} (${utcText(next.span.start)})`, missing: opens, changesAt: next.span.start };
}

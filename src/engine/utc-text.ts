/** `2026-03-30 07:00 UTC`: an instant to the minute, as Promenade writes it for people; `an unknown time` for an invalid date (a hand-edited hold). */
export function utcText(at: Date): string {
  if (Number.isNaN(at.getTime())) return "an unknown time";
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

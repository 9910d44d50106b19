/**
 * Time-zone arithmetic on "wall-clock milliseconds": a local date and time encoded as if it were UTC
 * (Date.UTC(year, month, day, hour, minute)). Converting an instant to wall time is exact; converting
 * wall time back to an instant needs a rule for the two kinds of DST days, and this module is the
 * one place that defines them:
 *
 * - a wall time that does not exist (the clocks jump over it, e.g. 01:30 in London on the last Sunday
 *   of March) is moved forward by the length of the jump (01:30 → 02:30 BST), so it still happens once;
 * - a wall time that occurs twice (the clocks go back over it, e.g. 01:30 in London on the last Sunday
 *   of October) means its first occurrence (01:30 BST, not 01:30 GMT), so it happens once.
 */
const DAY = 24 * 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The local wall time of `instant` in `zone`, as wall-clock milliseconds. */
export function wallClock(instant: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(p.year as number, (p.month as number) - 1, p.day as number, p.hour as number, p.minute as number, p.second as number) + ms;
}

/** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function offsetAt(instant: number, zone: string): number {
  return wallClock(instant, zone) - instant;
}

/** The instant a wall time happens in `zone`, with the DST rules above. */
export function wallToInstant(wall: number, zone: string): number {
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const valid = [wall - before, wall - after].filter((c) => wallClock(c, zone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // Not a real local time: it lies in a gap. The pre-change offset moves it forward by the gap's length.
  return wall - before;
}

/** A time zone's canonical IANA name, or undefined when the runtime does not know it. */
export function canonicalZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  if (!trimmed || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** "Mon, 3 Mar 2025, 09:00 GMT" style: a date and time in words, in the zone, for people. */
export function formatInZone(instant: number, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
  // en-GB names British zones (GMT, BST) but writes "GMT-4" for New York; en-US knows EDT, PST…
  if (!/GMT[+-]/.test(text)) return text;
  const us = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  return us && /^[A-Z]{2,5}$/.test(us) ? text.replace(/GMT[+-][\d:]+$/, us) : text;
}

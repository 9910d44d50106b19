import { cronFor, type Schedule } from './schedule.js';
import { offsetAt, wallClock, wallToInstant } from './zone.js';

/**
 * Slot arithmetic: which scheduled instants ("slots") a subscription has, and which one is due now.
 * Pure functions of (schedule, zone, last slot, now): no timers, no storage. The cron pattern is
 * evaluated on wall-clock time (see zone.ts) and each match is turned into an instant with the DST
 * rules defined there, so `daily 09:00` in Europe/London is 09:00 local on both sides of a change.
 */
const HOUR = 3_600_000;
/** Further than any DST jump in the tz database (the largest real ones are 1–2 hours; 3 is a margin). */
const LOOKAROUND = 3 * HOUR;
/** Missed slots further back than this are not enumerated (a very long outage of an every-minute digest). */
export const MAX_LOOKBACK_MS = 31 * 24 * HOUR;

function nextWall(schedule: Schedule, wall: number): number | undefined {
  return cronFor(schedule.cron).nextRun(new Date(wall))?.getTime();
}

function steadyAround(instant: number, zone: string): boolean {
  return offsetAt(instant - LOOKAROUND, zone) === offsetAt(instant + LOOKAROUND, zone);
}

/** The first slot strictly after `after` (epoch ms), or undefined if the schedule never fires again. */
export function nextSlot(schedule: Schedule, zone: string, after: number): number | undefined {
  const wall = wallClock(after, zone);
  // Fast path: no offset change near `after` or near the answer, so wall → instant is a plain shift.
  const w = nextWall(schedule, wall);
  if (w === undefined) return undefined;
  const candidate = wallToInstant(w, zone);
  if (candidate > after && steadyAround(after, zone) && steadyAround(candidate, zone)) return candidate;
  // Near a DST change wall order and instant order can differ (a skipped 01:30 becomes 02:30), so look
  // at every match from a little before `after` to a little past the first one that qualifies.
  let best: number | undefined;
  let firstWall: number | undefined;
  let cursor = wall - LOOKAROUND;
  for (let i = 0; i < 100_000; i++) {
    const next = nextWall(schedule, cursor);
    if (next === undefined) break;
    cursor = next;
    const instant = wallToInstant(next, zone);
    if (instant > after) {
      if (best === undefined || instant < best) best = instant;
      firstWall ??= next;
    }
    if (firstWall !== undefined && next > firstWall + LOOKAROUND) break;
  }
  return best;
}

/** Slots in (from, to], in order; at most `limit`. */
export function slotsBetween(schedule: Schedule, zone: string, from: number, to: number, limit = 10_000): number[] {
  const out: number[] = [];
  let cursor = from;
  while (out.length < limit) {
    const s = nextSlot(schedule, zone, cursor);
    if (s === undefined || s > to) break;
    out.push(s);
    cursor = s;
  }
  return out;
}

export interface SlotPlanInput {
  readonly schedule: Schedule;
  readonly zone: string;
  /** Slots at or before this are settled: the latest slot already in the delivery log, or when the schedule was set. */
  readonly since: number;
  readonly now: number;
  /** How late a slot may still be delivered (default 15 minutes). */
  readonly catchUpMs: number;
  /** How many missed slots to list individually (the latest ones); the rest are only counted. */
  readonly maxSkipped?: number;
}

export interface SlotPlan {
  /** The slot to deliver now: the latest slot in (since, now] that is at most `catchUpMs` old. */
  readonly due?: number;
  /** Earlier unsettled slots, oldest first, to record as skipped: missed beyond the catch-up window, or superseded by `due`. */
  readonly skipped: readonly number[];
  /** How many slots were skipped in all (may exceed `skipped.length`). */
  readonly skippedTotal: number;
}

/**
 * What to do at `now`: deliver the newest slot if it is within the catch-up window, record every other
 * unsettled slot as skipped. So after downtime a digest arrives late at most once, and never in a burst.
 * A slot exactly `catchUpMs` old is still delivered; one millisecond older is skipped.
 */
export function planSlots(input: SlotPlanInput): SlotPlan {
  const { schedule, zone, now, catchUpMs } = input;
  const maxSkipped = input.maxSkipped ?? 50;
  const from = Math.max(input.since, now - MAX_LOOKBACK_MS);
  const missed: number[] = [];
  let total = 0;
  let due: number | undefined;
  let cursor = from;
  for (;;) {
    const s = nextSlot(schedule, zone, cursor);
    if (s === undefined || s > now) break;
    if (due !== undefined) {
      missed.push(due);
      total++;
    }
    due = s;
    cursor = s;
    if (missed.length > maxSkipped) missed.shift();
  }
  if (due !== undefined && now - due > catchUpMs) {
    missed.push(due);
    total++;
    if (missed.length > maxSkipped) missed.shift();
    due = undefined;
  }
  return { ...(due !== undefined ? { due } : {}), skipped: missed, skippedTotal: total };
}

import { Cron } from 'croner';
import { ErrorCode, UserError } from '../errors.js';
import { canonicalZone } from './zone.js';

/**
 * A digest schedule: a preset (`daily 08:00`, `weekdays 09:00`, `weekly mon 09:00`) or a five-field
 * cron expression (minute hour day-of-month month day-of-week). Presets are stored as typed (normalised)
 * and compiled to cron; cron is what the slot arithmetic runs on, in the subscription's local time.
 */
export interface Schedule {
  /** The normalised text people see and the store keeps, e.g. "weekly mon 09:00" or "30 7 * * 1-5". */
  readonly text: string;
  /** The five-field cron expression, in local (wall-clock) time. */
  readonly cron: string;
  readonly preset?: 'daily' | 'weekdays' | 'weekly';
}

export const DEFAULT_SCHEDULE = 'daily 08:00';

export const SCHEDULE_HELP =
  'Use daily HH:MM, weekdays HH:MM or weekly <day> HH:MM (24-hour clock, e.g. "weekly mon 09:00"), ' +
  'or a five-field cron expression "minute hour day-of-month month day-of-week" such as "30 7 * * 1-5".';

export const TIMEZONE_HELP = 'Use an IANA time zone name such as Europe/London, America/New_York, Asia/Tokyo or UTC.';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function invalid(text: string, why?: string): UserError {
  const lead = `"${text}" is not a schedule I understand${why ? ` (${why})` : ''}.`;
  return new UserError(ErrorCode.ScheduleInvalid, `${lead} ${SCHEDULE_HELP}`, { schedule: text, ...(why ? { why } : {}) });
}

function parseTime(text: string, word: string): { h: number; m: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (!match) throw invalid(text, `"${word}" is not a time like 08:00`);
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) throw invalid(text, `${word} is not a time on a 24-hour clock`);
  return { h, m };
}

const pad = (n: number) => String(n).padStart(2, '0');
const compiled = new Map<string, Cron>();

/** The compiled cron pattern, evaluated in UTC on wall-clock times (see slots.ts). Cached per expression. */
export function cronFor(expression: string): Cron {
  let c = compiled.get(expression);
  if (!c) {
    c = new Cron(expression, { timezone: 'UTC', paused: true, mode: '5-part' });
    compiled.set(expression, c);
  }
  return c;
}

export function parseSchedule(input: string): Schedule {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) throw invalid(input, 'it is empty');
  const words = text.toLowerCase().split(' ');
  const [kind] = words;
  if (kind === 'daily' || kind === 'weekdays') {
    if (words.length !== 2) throw invalid(text, `"${kind}" takes a time, e.g. "${kind} 08:00"`);
    const { h, m } = parseTime(text, words[1] as string);
    return { text: `${kind} ${pad(h)}:${pad(m)}`, cron: `${m} ${h} * * ${kind === 'daily' ? '*' : '1-5'}`, preset: kind };
  }
  if (kind === 'weekly') {
    if (words.length !== 3) throw invalid(text, '"weekly" takes a day and a time, e.g. "weekly mon 09:00"');
    const w = words[1] as string;
    const day = DAY_NAMES.findIndex((n) => w.length >= 3 && n.toLowerCase().startsWith(w));
    if (day < 0) throw invalid(text, `"${words[1]}" is not a day of the week (mon, tue, wed, thu, fri, sat, sun)`);
    const { h, m } = parseTime(text, words[2] as string);
    return { text: `weekly ${DAYS[day]} ${pad(h)}:${pad(m)}`, cron: `${m} ${h} * * ${day}`, preset: 'weekly' };
  }
  if (words.length !== 5) {
    throw invalid(text, words.length === 6 || words.length === 7 ? 'cron expressions here have exactly five fields, without seconds' : undefined);
  }
  if (!words.every((w) => /^[0-9a-z*,/\-?LW#]+$/i.test(w))) throw invalid(text, 'a cron field has characters cron does not use');
  try {
    cronFor(text);
  } catch (error) {
    throw invalid(text, (error as Error).message.replace(/^CronPattern: /, ''));
  }
  if (!cronFor(text).nextRun(new Date(Date.UTC(2000, 0, 1)))) throw invalid(text, 'it never happens');
  return { text, cron: text };
}

export function parseTimezone(input: string): string {
  const zone = canonicalZone(input);
  if (!zone) throw new UserError(ErrorCode.TimezoneInvalid, `"${input.trim()}" is not a time zone I know. ${TIMEZONE_HELP}`, { timezone: input });
  return zone;
}

/** The schedule in words: "every day at 08:00", "on weekdays (Monday to Friday) at 09:00", "every Monday at 09:00". */
export function describeSchedule(s: Schedule): string {
  const [m, h, , , dow] = s.cron.split(' ');
  const at = `${pad(Number(h))}:${pad(Number(m))}`;
  switch (s.preset) {
    case 'daily':
      return `every day at ${at}`;
    case 'weekdays':
      return `on weekdays (Monday to Friday) at ${at}`;
    case 'weekly':
      return `every ${DAY_NAMES[Number(dow)]} at ${at}`;
    default:
      return `on the cron schedule "${s.cron}" (minute hour day-of-month month day-of-week)`;
  }
}

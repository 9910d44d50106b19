import { describe, expect, it } from 'vitest';
import { describeSchedule, parseSchedule, parseTimezone } from '../../src/core/digests/schedule.js';
import { nextSlot, planSlots, slotsBetween } from '../../src/core/digests/slots.js';
import { wallToInstant } from '../../src/core/digests/zone.js';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const MIN = 60_000;

describe('parseSchedule', () => {
  it('compiles presets to cron and normalises them', () => {
    expect(parseSchedule('daily 08:00')).toEqual({ text: 'daily 08:00', cron: '0 8 * * *', preset: 'daily' });
    expect(parseSchedule('  Weekdays   9:05 ')).toEqual({ text: 'weekdays 09:05', cron: '5 9 * * 1-5', preset: 'weekdays' });
    expect(parseSchedule('weekly Monday 09:00')).toEqual({ text: 'weekly mon 09:00', cron: '0 9 * * 1', preset: 'weekly' });
    expect(parseSchedule('weekly sun 23:59').cron).toBe('59 23 * * 0');
    expect(parseSchedule('30 7 * * 1-5')).toEqual({ text: '30 7 * * 1-5', cron: '30 7 * * 1-5' });
  });

  it('describes schedules in words', () => {
    expect(describeSchedule(parseSchedule('daily 08:00'))).toBe('every day at 08:00');
    expect(describeSchedule(parseSchedule('weekdays 09:00'))).toBe('on weekdays (Monday to Friday) at 09:00');
    expect(describeSchedule(parseSchedule('weekly fri 17:30'))).toBe('every Friday at 17:30');
    expect(describeSchedule(parseSchedule('0 12 1 * *'))).toContain('"0 12 1 * *"');
  });

  it.each([
    ['', /empty/],
    ['daily', /takes a time/],
    ['daily 25:00', /24-hour/],
    ['daily 8am', /not a time like 08:00/],
    ['weekly funday 09:00', /not a day of the week/],
    ['0 0 9 * * *', /exactly five fields/],
    ['61 * * * *', /minute/],
    ['every morning', /not a schedule I understand/],
    ['0 9 31 2 *', /never happens/],
  ])('refuses %j clearly, saying what is accepted', (text, why) => {
    expect(() => parseSchedule(text)).toThrow(why);
    expect(() => parseSchedule(text)).toThrow(/daily HH:MM, weekdays HH:MM or weekly <day> HH:MM.*five-field cron/);
  });

  it('accepts IANA zones (canonicalised) and refuses others with the accepted form', () => {
    expect(parseTimezone('Europe/London')).toBe('Europe/London');
    expect(parseTimezone('utc')).toBe('UTC');
    expect(() => parseTimezone('Mars/Olympus')).toThrow(/not a time zone I know.*IANA.*Europe\/London/);
    expect(() => parseTimezone('')).toThrow(/IANA/);
  });
});

describe('nextSlot', () => {
  const daily9 = parseSchedule('daily 09:00');

  it('follows the zone: 09:00 London is 09:00Z in winter and 08:00Z in summer', () => {
    expect(iso(nextSlot(daily9, 'Europe/London', t('2025-01-15T12:00:00Z')))).toBe('2025-01-16T09:00:00.000Z');
    expect(iso(nextSlot(daily9, 'Europe/London', t('2025-07-15T12:00:00Z')))).toBe('2025-07-16T08:00:00.000Z');
    expect(iso(nextSlot(daily9, 'America/New_York', t('2025-01-15T00:00:00Z')))).toBe('2025-01-15T14:00:00.000Z');
    expect(iso(nextSlot(daily9, 'Asia/Kolkata', t('2025-01-15T00:00:00Z')))).toBe('2025-01-15T03:30:00.000Z');
  });

  it('is strictly after: a slot equal to `after` is not returned again', () => {
    expect(iso(nextSlot(daily9, 'UTC', t('2025-01-15T09:00:00Z')))).toBe('2025-01-16T09:00:00.000Z');
  });

  it('daily 09:00 Europe/London arrives at 09:00 local on both sides of each change', () => {
    const slots = slotsBetween(daily9, 'Europe/London', t('2025-03-28T00:00:00Z'), t('2025-04-02T00:00:00Z')).map(iso);
    expect(slots).toEqual([
      '2025-03-28T09:00:00.000Z',
      '2025-03-29T09:00:00.000Z',
      '2025-03-30T08:00:00.000Z', // the change is at 01:00 GMT that Sunday
      '2025-03-31T08:00:00.000Z',
      '2025-04-01T08:00:00.000Z',
    ]);
    const autumn = slotsBetween(daily9, 'Europe/London', t('2025-10-24T12:00:00Z'), t('2025-10-28T12:00:00Z')).map(iso);
    expect(autumn).toEqual(['2025-10-25T08:00:00.000Z', '2025-10-26T09:00:00.000Z', '2025-10-27T09:00:00.000Z', '2025-10-28T09:00:00.000Z']);
  });

  it('a time the clocks skip (01:30 on the spring change) happens once, moved forward by the gap (02:30 BST)', () => {
    const s = parseSchedule('daily 01:30');
    const slots = slotsBetween(s, 'Europe/London', t('2025-03-29T00:00:00Z'), t('2025-03-31T12:00:00Z')).map(iso);
    expect(slots).toEqual(['2025-03-29T01:30:00.000Z', '2025-03-30T01:30:00.000Z', '2025-03-31T00:30:00.000Z']);
    expect(iso(wallToInstant(Date.UTC(2025, 2, 30, 1, 30), 'Europe/London'))).toBe('2025-03-30T01:30:00.000Z'); // = 02:30 BST
  });

  it('a time that occurs twice (01:30 on the autumn change) happens once, at its first occurrence (BST)', () => {
    const s = parseSchedule('daily 01:30');
    const slots = slotsBetween(s, 'Europe/London', t('2025-10-25T00:00:00Z'), t('2025-10-27T12:00:00Z')).map(iso);
    expect(slots).toEqual(['2025-10-25T00:30:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
    // Asked from inside the repeated hour (01:10 GMT, the second 01:10), the next slot is the next day.
    expect(iso(nextSlot(s, 'Europe/London', t('2025-10-26T01:10:00Z')))).toBe('2025-10-27T01:30:00.000Z');
  });

  it('every-15-minutes across both changes: no instant twice, none in the gap, order preserved', () => {
    const s = parseSchedule('*/15 * * * *');
    const spring = slotsBetween(s, 'Europe/London', t('2025-03-30T00:30:00Z'), t('2025-03-30T01:30:00Z')).map(iso);
    // 00:45 GMT, then the skipped 01:00–01:45 wall times map onto 02:00–02:45 BST, which are real slots anyway.
    expect(spring).toEqual(['2025-03-30T00:45:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-30T01:15:00.000Z', '2025-03-30T01:30:00.000Z']);
    const autumn = slotsBetween(s, 'Europe/London', t('2025-10-26T00:30:00Z'), t('2025-10-26T02:10:00Z')).map(iso);
    // The repeated hour fires once (in BST); the second 01:xx (GMT) is quiet; 02:00 GMT follows.
    expect(autumn).toEqual(['2025-10-26T00:45:00.000Z', '2025-10-26T02:00:00.000Z']);
    expect(new Set(autumn).size).toBe(autumn.length);
  });

  it('US spring-forward: 02:30 America/New_York on the change day is 03:30 EDT', () => {
    const s = parseSchedule('daily 02:30');
    expect(iso(nextSlot(s, 'America/New_York', t('2025-03-09T00:00:00Z')))).toBe('2025-03-09T07:30:00.000Z');
  });

  it('month ends and leap days', () => {
    const last = parseSchedule('0 9 L * *');
    expect(slotsBetween(last, 'UTC', t('2024-01-01T00:00:00Z'), t('2024-04-01T00:00:00Z')).map(iso)).toEqual([
      '2024-01-31T09:00:00.000Z',
      '2024-02-29T09:00:00.000Z',
      '2024-03-31T09:00:00.000Z',
    ]);
    const the31st = parseSchedule('0 9 31 * *');
    expect(iso(nextSlot(the31st, 'UTC', t('2025-04-01T00:00:00Z')))).toBe('2025-05-31T09:00:00.000Z');
    const leap = parseSchedule('0 9 29 2 *');
    expect(iso(nextSlot(leap, 'Europe/Berlin', t('2024-03-01T00:00:00Z')))).toBe('2028-02-29T08:00:00.000Z');
    // New Year in a zone ahead of UTC.
    expect(iso(nextSlot(parseSchedule('daily 00:00'), 'Pacific/Auckland', t('2024-12-31T10:00:00Z')))).toBe('2024-12-31T11:00:00.000Z');
  });

  it('weekdays and weekly presets skip the right days', () => {
    const wd = parseSchedule('weekdays 09:00');
    // Fri 2025-01-17 10:00 → Mon 2025-01-20 09:00.
    expect(iso(nextSlot(wd, 'UTC', t('2025-01-17T10:00:00Z')))).toBe('2025-01-20T09:00:00.000Z');
    const wk = parseSchedule('weekly mon 09:00');
    expect(iso(nextSlot(wk, 'Europe/Paris', t('2025-01-14T00:00:00Z')))).toBe('2025-01-20T08:00:00.000Z');
    // Day-of-month OR day-of-week, as classic cron: the 13th or any Friday.
    const either = parseSchedule('0 9 13 * 5');
    expect(iso(nextSlot(either, 'UTC', t('2024-02-01T00:00:00Z')))).toBe('2024-02-02T09:00:00.000Z');
  });
});

describe('planSlots: what is due now', () => {
  const daily9 = parseSchedule('daily 09:00');
  const plan = (since: string, now: string, catchUpMs = 15 * MIN) => planSlots({ schedule: daily9, zone: 'UTC', since: t(since), now: t(now), catchUpMs });

  it('nothing before the slot; the slot itself at its minute', () => {
    expect(plan('2025-01-14T09:00:00Z', '2025-01-15T08:59:59Z')).toEqual({ skipped: [], skippedTotal: 0 });
    expect(plan('2025-01-14T09:00:00Z', '2025-01-15T09:00:00Z')).toEqual({ due: t('2025-01-15T09:00:00Z'), skipped: [], skippedTotal: 0 });
  });

  it('a settled slot is not due again', () => {
    expect(plan('2025-01-15T09:00:00Z', '2025-01-15T09:05:00Z').due).toBeUndefined();
  });

  it('catch-up window edges: exactly 15 minutes late is delivered, 1 ms later is skipped', () => {
    expect(plan('2025-01-14T09:00:00Z', '2025-01-15T09:15:00.000Z').due).toBe(t('2025-01-15T09:00:00Z'));
    const late = plan('2025-01-14T09:00:00Z', '2025-01-15T09:15:00.001Z');
    expect(late.due).toBeUndefined();
    expect(late.skipped.map(iso)).toEqual(['2025-01-15T09:00:00.000Z']);
    expect(plan('2025-01-14T09:00:00Z', '2025-01-15T09:59:00Z', 60 * MIN).due).toBe(t('2025-01-15T09:00:00Z'));
  });

  it('after three days down: older slots skipped, the recent one delivered once', () => {
    const p = plan('2025-01-11T09:00:00Z', '2025-01-14T09:10:00Z');
    expect(p.due).toBe(t('2025-01-14T09:00:00Z'));
    expect(p.skipped.map(iso)).toEqual(['2025-01-12T09:00:00.000Z', '2025-01-13T09:00:00.000Z']);
    expect(p.skippedTotal).toBe(2);
  });

  it('several slots inside the window: only the newest is delivered, the others are superseded', () => {
    const every5 = parseSchedule('*/5 * * * *');
    const p = planSlots({ schedule: every5, zone: 'UTC', since: t('2025-01-14T09:00:00Z'), now: t('2025-01-14T09:12:00Z'), catchUpMs: 15 * MIN });
    expect(iso(p.due)).toBe('2025-01-14T09:10:00.000Z');
    expect(p.skipped.map(iso)).toEqual(['2025-01-14T09:05:00.000Z']);
  });

  it('a long outage of an every-minute digest lists only the latest missed slots and counts the rest', () => {
    const everyMinute = parseSchedule('* * * * *');
    const p = planSlots({
      schedule: everyMinute,
      zone: 'UTC',
      since: t('2025-01-14T00:00:00Z'),
      now: t('2025-01-15T00:00:30Z'),
      catchUpMs: 15 * MIN,
      maxSkipped: 10,
    });
    expect(iso(p.due)).toBe('2025-01-15T00:00:00.000Z');
    expect(p.skipped).toHaveLength(10);
    expect(iso(p.skipped.at(-1))).toBe('2025-01-14T23:59:00.000Z');
    expect(p.skippedTotal).toBe(24 * 60 - 1);
  });

  it('DST day in the window: the 09:00 London slot on the spring change is due at 08:00Z', () => {
    const p = planSlots({ schedule: daily9, zone: 'Europe/London', since: t('2025-03-29T08:00:00Z'), now: t('2025-03-30T08:01:00Z'), catchUpMs: 15 * MIN });
    expect(iso(p.due)).toBe('2025-03-30T08:00:00.000Z');
  });
});

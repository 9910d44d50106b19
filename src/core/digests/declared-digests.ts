import { z } from 'zod';
import { BRIEFING_LENGTHS, type BriefingLength } from '../briefing/briefing.js';
import { ErrorCode, UserError } from '../errors.js';
import { parseTopics } from './digest-content.js';
import { DEFAULT_SCHEDULE, parseSchedule, parseTimezone } from './schedule.js';
import type { SubscribeRequest } from './subscribe-channel.js';

/**
 * Digests declared under `digests:` in config/*.yaml, e.g.
 *   - { platform: slack, channel: C0123456789, schedule: "weekdays 08:30", timezone: Europe/London, topics: [economy], length: short }
 * Validated at start-up; any problem stops start-up with the entry's index and field.
 */
const entrySchema = z.strictObject({
  platform: z.enum(['discord', 'slack']),
  // Discord ids exceed JavaScript's exact integers, so an unquoted id in YAML would arrive altered.
  channel: z.string({ error: 'must be a quoted string (put Discord channel ids in quotes)' }).trim().min(1),
  workspace: z.string().trim().min(1).optional(),
  schedule: z.string().optional(),
  timezone: z.string().optional(),
  topics: z.union([z.array(z.string()), z.string()]).optional(),
  length: z.enum(BRIEFING_LENGTHS as [BriefingLength, ...BriefingLength[]]).optional(),
});

export function parseDeclaredDigests(raw: readonly unknown[], defaultTimezone: string): SubscribeRequest[] {
  const problems: string[] = [];
  const out: SubscribeRequest[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, i) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`digests[${i}].${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      return;
    }
    const d = parsed.data;
    try {
      const schedule = parseSchedule(d.schedule ?? DEFAULT_SCHEDULE).text;
      const timezone = parseTimezone(d.timezone ?? defaultTimezone);
      const key = `${d.platform}:${d.channel}`;
      if (seen.has(key)) throw new Error(`channel ${d.channel} on ${d.platform} is declared twice`);
      seen.add(key);
      out.push({
        platform: d.platform,
        channelId: d.channel,
        ...(d.workspace ? { workspaceId: d.workspace } : {}),
        schedule,
        timezone,
        topics: parseTopics(Array.isArray(d.topics) ? d.topics.join(',') : d.topics),
        length: d.length ?? 'short',
        userId: 'config',
        source: 'config',
      });
    } catch (error) {
      problems.push(`digests[${i}]: ${(error as Error).message}`);
    }
  });
  if (problems.length > 0) throw new UserError(ErrorCode.ConfigInvalid, `Invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
  return out;
}

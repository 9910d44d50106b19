import { BRIEFING_LENGTHS, type BriefingLength } from '../briefing/briefing.js';
import { parseTopics } from '../digests/digest-content.js';
import { describeSchedule, parseSchedule, parseTimezone } from '../digests/schedule.js';
import { formatInZone } from '../digests/zone.js';
import type { Delivery, Subscription } from '../ports/storage.js';
import { infoReply } from '../reply/replies.js';
import type { Block, Reply } from '../reply/reply.js';
import type { Args, CommandContext, CommandDefinition } from './command.js';

/** This channel's subscription (a polite error when there is none). */
function channelSubscription(ctx: CommandContext): Promise<Subscription> {
  return ctx.core.digests.requireSubscription(ctx.caller.platform, ctx.caller.channelId);
}

/**
 * In text form (Slack, console) everything not given as `name:value` is the schedule, so
 * "/digest subscribe weekly mon 09:00 Europe/London" works: a trailing word that is a time zone
 * (and not a cron field) is taken as the zone.
 */
function splitScheduleAndZone(args: Args): { schedule?: string; timezone?: string } {
  let schedule = (args.schedule as string | undefined)?.trim();
  let timezone = (args.timezone as string | undefined)?.trim();
  if (schedule && !timezone) {
    const words = schedule.split(/\s+/);
    const last = words.at(-1) as string;
    if (
      words.length > 1 &&
      /^[A-Za-z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(last) &&
      !/^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|l|w)/i.test(last)
    ) {
      timezone = last;
      schedule = words.slice(0, -1).join(' ');
    }
  }
  return { ...(schedule ? { schedule } : {}), ...(timezone ? { timezone } : {}) };
}

export function digestStatusBlocks(sub: Subscription, next: Date | undefined, latest: Delivery | undefined): Block[] {
  const zone = sub.timezone;
  const when = (d: Date) => formatInZone(d.getTime(), zone);
  const items = [
    `Schedule: ${describeSchedule(parseSchedule(sub.schedule))}, ${zone} time ("${sub.schedule}")`,
    `Topics: ${sub.topics.length > 0 ? sub.topics.join(', ') : 'all briefings'} · length: ${sub.length}`,
    sub.pausedAt ? 'Next run: none while paused' : `Next run: ${next ? when(next) : 'none (the schedule has no future dates)'}`,
  ];
  if (latest) {
    const outcome: Record<Delivery['state'], string> = {
      pending: 'due now, about to be sent',
      sending: 'being sent now',
      retry: `failed for now, will retry at ${when(latest.nextAttemptAt)}`,
      sent: 'sent',
      skipped: 'skipped',
      failed: 'failed',
      paused: 'not sent; the digest was paused',
    };
    items.push(`Last delivery: ${when(latest.slot)}: ${outcome[latest.state]}${latest.detail ? ` (${latest.detail})` : ''}`);
  } else {
    items.push('Last delivery: none yet');
  }
  if (sub.source === 'config') items.push('Declared in the bot configuration: start-up restores it as configured.');
  const blocks: Block[] = [{ kind: 'heading', text: sub.pausedAt ? 'Digest for this channel: paused' : 'Digest for this channel' }];
  if (sub.pausedAt) {
    blocks.push({
      kind: 'paragraph',
      text: `Paused since ${when(sub.pausedAt)} because ${sub.pausedReason ?? 'of a delivery error'}. Fix that, then run /digest subscribe again to resume.`,
    });
  }
  blocks.push({ kind: 'bullets', items });
  return blocks;
}

export const digestCommand: CommandDefinition = {
  name: 'digest',
  description: 'Scheduled news digests in this channel: subscribe, unsubscribe, status, preview.',
  usage: 'subscribe [schedule] [timezone] [topics:a,b] [length:tldr|short|full] | unsubscribe | status | preview',
  // Changing a digest is for managers (Discord: Manage Channels; Slack: admins, owners and named managers; console: the operator).
  subcommands: [
    {
      name: 'subscribe',
      description: 'Post a digest here on a schedule (default daily 08:00), or change the current one.',
      options: [
        {
          name: 'schedule',
          description: 'daily 08:00, weekdays 09:00, weekly mon 09:00, or cron like 30 7 * * 1-5',
          type: 'string',
          maxLength: 100,
          rest: true,
        },
        { name: 'timezone', description: 'IANA time zone such as Europe/London (default: the bot’s)', type: 'string', maxLength: 64 },
        { name: 'topics', description: 'Briefing tags to include, comma-separated (default: all)', type: 'string', maxLength: 300 },
        { name: 'length', description: 'tldr, short (default) or full', type: 'string', choices: BRIEFING_LENGTHS },
      ],
      permission: 'manage_channels',
      async run(args, ctx): Promise<Reply> {
        const { digests } = ctx.core;
        const { schedule, timezone } = splitScheduleAndZone(args);
        // Validate before touching the store, so a typo changes nothing.
        if (schedule) parseSchedule(schedule);
        const zone = timezone ? parseTimezone(timezone) : undefined;
        const { subscription, created } = await digests.subscribe({
          platform: ctx.caller.platform,
          channelId: ctx.caller.channelId,
          ...(ctx.caller.workspaceId ? { workspaceId: ctx.caller.workspaceId } : {}),
          ...(schedule ? { schedule } : {}),
          ...(zone ? { timezone: zone } : {}),
          ...(args.topics !== undefined ? { topics: parseTopics(args.topics as string) } : {}),
          ...(args.length ? { length: args.length as BriefingLength } : {}),
          userId: ctx.caller.userId,
        });
        const next = await digests.nextRun(subscription);
        const lead = created ? 'Subscribed: this channel will get a news digest' : 'Updated: this channel gets its news digest';
        return {
          kind: 'info',
          visibility: 'private',
          blocks: [{ kind: 'paragraph', text: `${lead} ${digests.describe(subscription)}.` }, ...digestStatusBlocks(subscription, next, undefined).slice(1)],
        };
      },
    },
    {
      name: 'unsubscribe',
      description: 'Stop the digest in this channel.',
      options: [],
      permission: 'manage_channels',
      async run(_args, ctx) {
        const sub = await ctx.core.digests.unsubscribe(ctx.caller.platform, ctx.caller.channelId);
        const note = sub.source === 'config' ? ' It is declared in the bot configuration, so it comes back at the next restart unless removed there.' : '';
        return infoReply(`Unsubscribed: no more digests here.${note}`);
      },
    },
    {
      name: 'status',
      description: "This channel's digest: schedule, next run, last delivery, and why it is paused.",
      options: [],
      async run(_args, ctx) {
        const { digests } = ctx.core;
        const sub = await channelSubscription(ctx);
        const [next, latest] = await Promise.all([digests.nextRun(sub), digests.latestDelivery(sub)]);
        return { kind: 'info', visibility: 'private', blocks: digestStatusBlocks(sub, next, latest) };
      },
    },
    {
      name: 'preview',
      description: 'Show the next digest now, only to you.',
      options: [],
      async run(_args, ctx) {
        const { digests } = ctx.core;
        const { reply, header } = await digests.preview(await channelSubscription(ctx));
        if (reply) return reply;
        const then = digests.settings.nothingNew === 'skip' ? 'the next digest will be skipped' : 'the next digest will say there is nothing new';
        return infoReply(`${header.title}: nothing new on its topics ${header.since.replace(/^Briefings since/, 'since')}, so as things stand ${then}.`);
      },
    },
  ],
};

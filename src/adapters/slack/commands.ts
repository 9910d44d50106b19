import type { Caller } from '../../core/commands/command.js';
import { infoReply } from '../../core/reply/replies.js';
import type { Reply } from '../../core/reply/reply.js';
import { slackTextToPlain } from './escape-mrkdwn.js';
import { canManage, guarded, messageOf, postPublic, type SlackDeps, slackErrorCode } from './slack-context.js';

/**
 * Slack wants the slash command acknowledged within 3 s. A reply ready before this is sent with the
 * acknowledgement itself (private replies) or right after it; a slower one is acknowledged first.
 */
export const ACK_DEADLINE_MS = 2000;

/** The Slack name of a registry command: `SLACK_COMMAND_NAMES` renames, since names are workspace-wide. */
export function slackCommandName(names: Readonly<Record<string, string>>, registryName: string): string {
  return `/${names[registryName] ?? registryName}`;
}

/**
 * One slash command per registry entry. Private replies (/ask by default, /help, errors) are
 * ephemeral; public ones (/brief, /ask public:true) are posted with chat.postMessage so the
 * message starts a thread the bot answers follow-ups in.
 */
export function registerCommands(deps: SlackDeps): void {
  const { bolt, core, config } = deps;
  for (const def of core.commands) {
    const slashName = slackCommandName(config.commandNames, def.name);
    bolt.command(slashName, async ({ command, ack, respond, client }) => {
      let acked = false;
      const ackOnce = async (body?: Parameters<typeof ack>[0]) => {
        if (acked) return;
        acked = true;
        await ack(body);
      };
      const tell = async (reply: Reply) => {
        if (!acked) return ackOnce({ response_type: 'ephemeral', ...messageOf(reply) });
        return respond({ response_type: 'ephemeral', replace_original: false, ...messageOf(reply) });
      };
      await guarded(
        deps,
        `command ${slashName}`,
        async () => {
          const caller: Caller = {
            platform: 'slack',
            userId: command.user_id,
            channelId: command.channel_id,
            ...(command.team_id ? { workspaceId: command.team_id } : {}),
            canManage: () => canManage(deps, client, command.user_id),
          };
          const work = core.run({ name: def.name, text: slackTextToPlain(command.text ?? '') }, caller);
          const early = await Promise.race([work, delay(ACK_DEADLINE_MS)]);
          if (early?.visibility === 'private') {
            await ackOnce({ response_type: 'ephemeral', ...messageOf(early) });
            return;
          }
          await ackOnce();
          const reply = early ?? (await work);
          if (reply.visibility === 'private') {
            await respond({ response_type: 'ephemeral', ...messageOf(reply) });
            return;
          }
          try {
            await postPublic(deps, client, command.channel_id, reply);
          } catch (err) {
            const code = slackErrorCode(err);
            if (code !== 'not_in_channel' && code !== 'channel_not_found') throw err;
            // Not a member (a private channel or a DM): post through the response_url instead.
            // That message has no ts we learn, so it cannot start a follow-up thread; say how to fix it.
            deps.logger.info({ channel: command.channel_id, code }, 'cannot post in channel; replying through response_url');
            await respond({ response_type: 'in_channel', ...messageOf(reply) });
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              ...messageOf(infoReply('To ask follow-up questions in a thread, invite me to this channel first (/invite @briefbot).')),
            });
          }
        },
        tell,
      );
      // Whatever happened, Slack gets its acknowledgement.
      if (!acked) await ackOnce().catch(() => {});
    });
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

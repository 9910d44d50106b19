import { Client, Events, GatewayIntentBits, Status } from 'discord.js';
import type { DiscordConfig } from '../../config/config.js';
import type { BotCore } from '../../core/bot-core.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { RunningAdapter } from '../adapter.js';
import type { RawInteraction } from './interaction.js';
import { type HandlerOptions, InteractionHandler } from './interaction-handler.js';
import { restApiBase, restResponder } from './rest-responder.js';

/**
 * Gateway mode: one discord.js Client with only the Guilds intent (no privileged intents). Interactions
 * arrive as INTERACTION_CREATE dispatches and are answered over REST by the shared handler.
 */
export async function startGateway(
  config: DiscordConfig & { token: string },
  core: BotCore,
  logger: Logger,
  options: HandlerOptions = {},
): Promise<RunningAdapter> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // As many shards as Discord recommends (one per ~2,500 servers; one for most bots), all in this process.
    shards: 'auto',
    rest: { api: restApiBase(config.apiBase) },
    allowedMentions: { parse: [] },
  });
  const handler = new InteractionHandler(core, logger, options);
  // The raw dispatch is exactly the payload HTTP mode receives, so both modes share one handler.
  client.on(Events.Raw as never, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== 'INTERACTION_CREATE' || typeof packet.d !== 'object' || packet.d === null) return;
    const interaction = packet.d as RawInteraction;
    handler.handle(interaction, restResponder(client.rest, interaction)).catch((err) => logger.error({ err }, 'interaction handler failed'));
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'discord gateway disconnected'));
  client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if ((error as { code?: string }).code === 'TokenInvalid') {
      throw new UserError(ErrorCode.ConfigInvalid, 'Discord refused DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token).');
    }
    throw error;
  }
  logger.info({ user: client.user?.username, applicationId: config.applicationId, mode: 'gateway' }, 'discord connected');
  return {
    name: 'discord',
    // Readiness: every shard's connection is up (not resuming or reconnecting).
    isConnected: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
    async stop() {
      await client.destroy();
      logger.info({}, 'discord disconnected');
    },
  };
}

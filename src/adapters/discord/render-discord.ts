import type { Reply } from '../../core/reply/reply.js';
import { DiscordLimits, MessageFlag } from './discord-limits.js';
import type { DiscordMessage } from './discord-message.js';
import { ELLIPSIS, plainBlock, truncate } from './discord-text.js';
import { buildComponents } from './render-components.js';
import { buildEmbeds, fitEmbeds } from './render-embeds.js';

/**
 * Reply → Discord message. Text goes into embeds (errors and notices into `content`), suggestions,
 * "Follow up", 👍/👎, paging and source links become buttons. Every limit in `DiscordLimits` is applied
 * here by shortening visibly with "…", never by failing. Mentions never ping: user text is
 * neutralised and `allowed_mentions.parse` is empty on every message.
 */
export function renderDiscord(reply: Reply): DiscordMessage {
  const message: DiscordMessage = { embeds: [], components: [], allowed_mentions: { parse: [] } };
  if (reply.visibility === 'private') message.flags = MessageFlag.Ephemeral;

  if (reply.kind === 'error' || reply.kind === 'info') {
    message.content = truncate(reply.blocks.map(plainBlock).filter(Boolean).join('\n\n'), DiscordLimits.content);
  } else {
    message.embeds = fitEmbeds(buildEmbeds(reply));
  }
  message.components = buildComponents(reply);
  if (!message.content && message.embeds.length === 0) message.content = ELLIPSIS;
  return message;
}

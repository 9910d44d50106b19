import type { Reply } from '../../core/reply/reply.js';
import { CallbackType, MessageFlag } from './discord-limits.js';
import type { InteractionResponder } from './interaction.js';
import { renderDiscord } from './render-discord.js';
import { renderForEdit } from './respond.js';

/**
 * Runs `work` and answers with its reply. If it is not done within `deferAfterMs` the interaction
 * is deferred first (well inside Discord's 3 s) and the reply edited in when ready.
 */
export async function replyInTime(
  r: InteractionResponder,
  { ephemeral, deferAfterMs }: { ephemeral: boolean; deferAfterMs: number },
  work: () => Promise<Reply>,
): Promise<void> {
  const pending = work();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deferAfterMs);
  });
  const first = await Promise.race([pending, late]);
  clearTimeout(timer);
  if (first !== 'late') return r.callback({ type: CallbackType.Message, data: renderDiscord(first) });
  await r.callback({ type: CallbackType.DeferredMessage, data: ephemeral ? { flags: MessageFlag.Ephemeral } : {} });
  await r.editOriginal(renderForEdit(await pending));
}

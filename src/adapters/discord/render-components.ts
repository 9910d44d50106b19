import type { Block, Link, Reply } from '../../core/reply/reply.js';
import { encodeCustomId } from './custom-id.js';
import { ButtonStyle, ComponentType, DiscordLimits } from './discord-limits.js';
import type { DiscordActionRow, DiscordButton } from './discord-message.js';
import { defuseMentions, isHttpUrl, truncate } from './discord-text.js';

/** At most three suggested questions become buttons. */
export const MAX_SUGGESTION_BUTTONS = 3;

/** Button groups (suggestions, actions and links, paging), each starting a new row. */
export function buildComponents(reply: Reply): DiscordActionRow[] {
  const groups: DiscordButton[][] = [];
  const conversation = reply.conversation;
  const isPublic = (reply.followUps ?? reply.visibility) === 'public';

  if (conversation && reply.suggestions && reply.suggestions.length > 0) {
    const buttons: DiscordButton[] = [];
    reply.suggestions.slice(0, MAX_SUGGESTION_BUTTONS).forEach((s, index) => {
      const custom_id = encodeCustomId({ kind: 'suggestion', conversation, index, public: isPublic });
      const label = buttonLabel(s);
      if (custom_id && label) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id });
    });
    groups.push(buttons);
  }

  const actions: DiscordButton[] = [];
  if (conversation && (reply.kind === 'answer' || reply.kind === 'refusal' || reply.kind === 'briefing')) {
    const custom_id = encodeCustomId({ kind: 'follow-up', conversation, public: isPublic });
    if (custom_id) actions.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Follow up', custom_id });
  }
  if (conversation && reply.feedback) {
    const { answerId } = reply.feedback;
    const up = encodeCustomId({ kind: 'feedback', conversation, answerId, helpful: true });
    const down = encodeCustomId({ kind: 'feedback', conversation, answerId, helpful: false });
    if (up && down) {
      actions.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: up });
      actions.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: down });
    }
  }
  const seen = new Set<string>();
  for (const link of sourceLinks(reply.blocks)) {
    const label = buttonLabel(link.label);
    if (seen.has(link.url) || !label || !isHttpUrl(link.url) || link.url.length > DiscordLimits.buttonUrl) continue;
    seen.add(link.url);
    actions.push({ type: ComponentType.Button, style: ButtonStyle.Link, label, url: link.url });
  }
  groups.push(actions);

  const paging = reply.paging;
  if (paging && paging.pages > 1) {
    const nav: DiscordButton[] = [];
    const page = (n: number, label: string) => {
      const custom_id = encodeCustomId({ kind: 'page', command: paging.command, page: n, args: paging.args });
      if (custom_id) nav.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id });
    };
    if (paging.page > 1) page(paging.page - 1, '◀ Previous');
    if (paging.page < paging.pages) page(paging.page + 1, 'Next ▶');
    groups.push(nav);
  }
  return layoutRows(groups);
}

/** Each group starts a new row; rows hold at most 5 buttons and a message at most 5 rows. */
export function layoutRows(groups: readonly (readonly DiscordButton[])[]): DiscordActionRow[] {
  const rows: DiscordActionRow[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i += DiscordLimits.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: group.slice(i, i + DiscordLimits.buttonsPerRow) });
    }
  }
  return rows.slice(0, DiscordLimits.actionRows);
}

function buttonLabel(text: string): string {
  return truncate(defuseMentions(text.trim()), DiscordLimits.buttonLabel);
}

function sourceLinks(blocks: readonly Block[]): Link[] {
  return blocks.flatMap((b) => (b.kind === 'citation' ? [b.citation.source] : b.kind === 'links' ? [...b.links] : []));
}

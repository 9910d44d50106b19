import type { Block, Citation, Link, Reply } from '../../core/reply/reply.js';
import { encodeCustomId } from './custom-id.js';
import { ButtonStyle, ComponentType, DiscordLimits, MessageFlag } from './discord-limits.js';

/** Discord message JSON (API v10), as sent in an interaction response, a webhook or a channel message. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: DiscordActionRow[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  color?: number;
}

export type DiscordButton =
  | { type: 2; style: 1 | 2 | 3 | 4; label?: string; emoji?: { name: string }; custom_id: string }
  | { type: 2; style: 5; label: string; url: string };

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

const COLOR = { briefing: 0x2b6cb0, answer: 0x2f855a, refusal: 0xb7791f, list: 0x4a5568, help: 0x4a5568, info: 0x4a5568, error: 0xc53030 } as const;
const ELLIPSIS = '…';

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

// ---------------------------------------------------------------------------------------------
// Text

/** Escapes Discord Markdown and defuses mentions (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>`). */
export function escapeDiscord(text: string): string {
  return defuseMentions(text)
    .replace(/([\\*_~`|[\]])/g, '\\$1')
    .replace(/^(\s*)([>#-])/gm, '$1\\$2');
}

/** For fields Discord shows as plain text (footer): only the mentions are defused. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<([@#])/g, '<\u200b$1');
}

/** `text` cut to `max` characters, ending in "…" when it was cut. Never splits an escape or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const trailingBackslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

function plainBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `**${escapeDiscord(block.text)}**`;
    case 'paragraph':
      return escapeDiscord(block.text);
    case 'bullets':
      return block.items.map((i) => `• ${escapeDiscord(i)}`).join('\n');
    case 'qa':
      return `**${escapeDiscord(block.question)}**\n${escapeDiscord(block.answer)}`;
    case 'citation':
      return `Source: ${citationLine(block.citation)}`;
    case 'links':
      return block.links.map((l) => escapeDiscord(l.label)).join('\n');
    case 'note':
      return `*${escapeDiscord(block.text)}*`;
    case 'divider':
      return '───';
  }
}

function citationLine(c: Citation): string {
  return `${escapeDiscord(c.briefingTitle)} › ${escapeDiscord(c.sectionTitle)}${c.qaId ? ` (Q&A ${escapeDiscord(c.qaId)})` : ''}`;
}

/** The footer that carries the citation ids; `parseCitationFooter` reads it back for feedback. */
export function citationFooter(c: Citation): string {
  return `Briefing ${c.briefingId} · section ${c.sectionId}${c.qaId ? ` · Q&A ${c.qaId}` : ''}`;
}

export function parseCitationFooter(text: string | undefined): { briefing: string; citations: string[] } | undefined {
  const m = /^Briefing (\S+) · section (\S+)(?: · Q&A (\S+))?/.exec(text ?? '');
  if (!m) return undefined;
  return { briefing: m[1] as string, citations: [...(m[3] ? [`qa:${m[3]}`] : []), `section:${m[2]}`] };
}

// ---------------------------------------------------------------------------------------------
// Embeds

interface Draft {
  title?: string;
  url?: string;
  chunks: string[];
  fields: { name: string; value: string }[];
  footer: string[];
}

function buildEmbeds(reply: Reply): DiscordEmbed[] {
  const drafts: Draft[] = [{ chunks: [], fields: [], footer: [] }];
  const current = () => drafts[drafts.length - 1] as Draft;
  const descriptionLength = (d: Draft) => d.chunks.reduce((n, c) => n + c.length + 2, 0);
  const addChunk = (text: string) => {
    let d = current();
    if (d.chunks.length > 0 && descriptionLength(d) + text.length > DiscordLimits.embedDescription) {
      d = { chunks: [], fields: [], footer: [] };
      drafts.push(d);
    }
    d.chunks.push(text);
  };
  const isEmpty = (d: Draft) => d.title === undefined && d.chunks.length === 0 && d.fields.length === 0;

  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'heading':
        if (isEmpty(current())) current().title = escapeDiscord(block.text);
        else addChunk(`**${escapeDiscord(block.text)}**`);
        break;
      case 'qa':
        if (isEmpty(current())) {
          current().title = escapeDiscord(block.question);
          addChunk(escapeDiscord(block.answer));
        } else {
          current().fields.push({ name: escapeDiscord(block.question), value: escapeDiscord(block.answer) });
        }
        break;
      case 'citation': {
        const d = current();
        d.fields.push({ name: 'Source', value: citationLine(block.citation) });
        d.footer.push(citationFooter(block.citation));
        if (isHttpUrl(block.citation.source.url)) d.url ??= block.citation.source.url;
        break;
      }
      case 'links':
        // Shown as link buttons; the embed keeps the first as its title link.
        for (const l of block.links) if (isHttpUrl(l.url)) (drafts[0] as Draft).url ??= l.url;
        break;
      case 'note':
        current().footer.push(defuseMentions(block.text));
        break;
      default:
        addChunk(plainBlock(block));
    }
  }
  if (reply.paging && reply.paging.pages > 1) current().footer.push(`Page ${reply.paging.page} of ${reply.paging.pages}`);
  if (reply.suggestions && reply.suggestions.length > 0 && !reply.conversation) {
    addChunk(`You could also ask:\n${reply.suggestions.map((s) => `• ${escapeDiscord(s)}`).join('\n')}`);
  }

  const color = COLOR[reply.kind];
  return drafts
    .filter((d) => !isEmpty(d) || d.footer.length > 0)
    .map((d) => {
      const e: DiscordEmbed = { color };
      if (d.title !== undefined) e.title = d.title;
      if (d.url !== undefined && e.title !== undefined) e.url = d.url;
      if (d.chunks.length > 0) e.description = d.chunks.join('\n\n');
      if (d.fields.length > 0) e.fields = d.fields.map((f) => ({ name: f.name || ELLIPSIS, value: f.value || ELLIPSIS }));
      if (d.footer.length > 0) e.footer = { text: d.footer.join('\n') };
      return e;
    });
}

/** Applies the per-field limits, 25 fields, 10 embeds and the 6000-character total, in reading order. */
export function fitEmbeds(embeds: readonly DiscordEmbed[]): DiscordEmbed[] {
  const out: DiscordEmbed[] = [];
  let budget = DiscordLimits.embedTotal;
  let cut = false;
  // Takes `text` (already limited to `max`) out of the budget; undefined once the budget is spent.
  const take = (text: string | undefined, max: number): string | undefined => {
    if (text === undefined || cut) return undefined;
    let t = truncate(text, max);
    if (t.length > budget) {
      t = budget >= 2 ? truncate(t, budget) : '';
      cut = true;
    }
    budget -= t.length;
    return t || undefined;
  };

  const limited = embeds.slice(0, DiscordLimits.embeds);
  if (embeds.length > DiscordLimits.embeds) {
    const last = { ...(limited[limited.length - 1] as DiscordEmbed) };
    last.description = `${truncate(last.description ?? '', DiscordLimits.embedDescription - 2)}\n${ELLIPSIS}`;
    limited[limited.length - 1] = last;
  }

  for (const embed of limited) {
    if (cut) break;
    const e: DiscordEmbed = {};
    if (embed.color !== undefined) e.color = embed.color;
    const title = take(embed.title, DiscordLimits.embedTitle);
    if (title) {
      e.title = title;
      if (embed.url) e.url = embed.url;
    }
    const description = take(embed.description, DiscordLimits.embedDescription);
    if (description) e.description = description;
    let fields = embed.fields ?? [];
    if (fields.length > DiscordLimits.embedFields) {
      const hidden = fields.length - (DiscordLimits.embedFields - 1);
      fields = [...fields.slice(0, DiscordLimits.embedFields - 1), { name: ELLIPSIS, value: `${hidden} more not shown` }];
    }
    for (const f of fields) {
      const name = take(f.name, DiscordLimits.embedFieldName);
      const value = take(f.value, DiscordLimits.embedFieldValue);
      if (!name || !value) break;
      e.fields = [...(e.fields ?? []), f.inline === undefined ? { name, value } : { name, value, inline: f.inline }];
    }
    const footer = take(embed.footer?.text, DiscordLimits.embedFooter);
    if (footer) e.footer = { text: footer };
    if (e.title || e.description || e.fields || e.footer) out.push(e);
  }
  return out;
}

/** Characters that count toward Discord's 6000 total. */
export function embedTextLength(embeds: readonly DiscordEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Components

/** At most three suggested questions become buttons. */
export const MAX_SUGGESTION_BUTTONS = 3;

function buildComponents(reply: Reply): DiscordActionRow[] {
  const groups: DiscordButton[][] = [];
  const conversation = reply.conversation;
  // Follow-ups to a public answer someone chose to share stay public; follow-ups to a briefing
  // (a /brief post or a digest) go only to the person asking, so a busy channel is not flooded.
  const isPublic = reply.visibility === 'public' && reply.kind !== 'briefing';

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
    const up = encodeCustomId({ kind: 'feedback', conversation, helpful: true });
    const down = encodeCustomId({ kind: 'feedback', conversation, helpful: false });
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

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url);
}

import type { Reply } from '../../core/reply/reply.js';
import { DiscordLimits } from './discord-limits.js';
import type { DiscordEmbed } from './discord-message.js';
import { citationFooter, citationLine, defuseMentions, ELLIPSIS, escapeDiscord, isHttpUrl, plainBlock, truncate } from './discord-text.js';

const COLOR = { briefing: 0x2b6cb0, answer: 0x2f855a, refusal: 0xb7791f, list: 0x4a5568, help: 0x4a5568, info: 0x4a5568, error: 0xc53030 } as const;

interface Draft {
  title?: string;
  url?: string;
  chunks: string[];
  fields: { name: string; value: string }[];
  footer: string[];
}

/** Drafts ignore the limits so that `fitEmbeds` can spend the 6000-character budget in reading order. */
export function buildEmbeds(reply: Reply): DiscordEmbed[] {
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

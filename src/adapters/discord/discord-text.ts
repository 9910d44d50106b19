import type { Block, Citation } from '../../core/reply/reply.js';

export const ELLIPSIS = '…';

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

export function plainBlock(block: Block): string {
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

export function citationLine(c: Citation): string {
  return `${escapeDiscord(c.briefingTitle)} › ${escapeDiscord(c.sectionTitle)}${c.qaId ? ` (Q&A ${escapeDiscord(c.qaId)})` : ''}`;
}

/** The footer naming the citation's ids, so a reader can quote exactly what an answer rests on. */
export function citationFooter(c: Citation): string {
  return `Briefing ${c.briefingId} · section ${c.sectionId}${c.qaId ? ` · Q&A ${c.qaId}` : ''}`;
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url);
}

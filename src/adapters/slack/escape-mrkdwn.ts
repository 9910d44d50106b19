/**
 * Escaping for Slack text. Slack treats `&`, `<` and `>` as control characters: `<!channel>`,
 * `<!here>`, `<!everyone>`, `<@U123>` and `<!subteam^S1>` all notify people. Everything that
 * comes from users or briefings goes through `escapeText` before it is put into a message, so
 * such sequences arrive as harmless text. Only these three characters are encoded (Slack decodes
 * nothing else), `&` first so nothing is double-encoded.
 */
export function escapeText(text: string): string {
  let out = '';
  for (const ch of text) out += escapeChar(ch);
  return out;
}

function escapeChar(ch: string): string {
  if (ch === '&') return '&amp;';
  if (ch === '<') return '&lt;';
  if (ch === '>') return '&gt;';
  return ch;
}

/**
 * Escapes `text` and shortens it to at most `max` characters of *escaped* output, ending in
 * `ellipsis` when something was cut. Never cuts inside an entity or a surrogate pair.
 */
export function fitEscaped(text: string, max: number, ellipsis = '…'): string {
  const full = escapeText(text);
  if (full.length <= max) return full;
  const budget = max - ellipsis.length;
  let out = '';
  for (const ch of text) {
    const piece = escapeChar(ch);
    if (out.length + piece.length > budget) break;
    out += piece;
  }
  return `${out.trimEnd()}${ellipsis}`;
}

/** Shortens already-safe text (e.g. text we composed from escaped parts) without escaping again. */
export function fitRaw(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ellipsis.length) break;
    out += ch;
  }
  // Do not leave a half entity (`&am`) or a half link (`<http…`) at the cut.
  out = out.replace(/&[a-z]{0,4}$/, '').replace(/<[^>]*$/, '');
  return `${out.trimEnd()}${ellipsis}`;
}

/**
 * Slack's message text → the plain text the core expects: the bot's own mention removed, user and
 * channel references turned into readable words, links into their label, entities decoded.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([@#!])?([^>|]+)(?:\|([^>]*))?>/g, (whole, sigil: string | undefined, target: string, label: string | undefined) => {
      if (sigil === '@') return botUserId && target === botUserId ? '' : `@${label || target}`;
      if (sigil === '#') return `#${label || target}`;
      if (sigil === '!') return `@${label || target.split('^')[0]}`;
      return label || target || whole;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

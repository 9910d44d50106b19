import { renderPlainText } from '../../core/reply/render-plain-text.js';
import type { Block, Citation, Reply } from '../../core/reply/reply.js';
import { escapeText, fitEscaped, fitRaw } from './escape-mrkdwn.js';
import { ELLIPSIS, SLACK_LIMITS as L } from './slack-limits.js';

/** The subset of Block Kit the bot sends. */
export type SlackText = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string; verbatim?: boolean };
export interface SlackButton {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji?: boolean };
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] }
  | { type: 'divider' };

/** action_id prefixes the interactivity handlers match on (see actions.ts). */
export const ACTION = {
  suggest: 'briefbot_suggest',
  feedbackUp: 'briefbot_feedback_up',
  feedbackDown: 'briefbot_feedback_down',
  pagePrev: 'briefbot_page_prev',
  pageNext: 'briefbot_page_next',
} as const;

/** What a suggestion button carries: the conversation to continue and the question. */
export interface SuggestValue {
  readonly c?: string;
  readonly q: string;
}
/** What a 👍/👎 button carries: the conversation and the answer within it (ephemeral messages have no thread to look at). */
export interface FeedbackValue {
  readonly c?: string;
  readonly id: string;
}
export interface PageValue {
  readonly n: string;
  readonly a: Readonly<Record<string, string | number | boolean>>;
  readonly p: number;
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(fitRaw(text, L.sectionText, ELLIPSIS)) });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [mrkdwn(fitRaw(text, L.contextText, ELLIPSIS))] });

/**
 * Reply → Block Kit. All text from users and briefings is escaped; every limit in slack-limits.ts
 * is respected by shortening visibly (an ellipsis, or a note saying how much was left out), so a
 * long briefing never makes Slack reject the message. `text` is the plain-text fallback.
 */
export function renderSlack(reply: Reply): { text: string; blocks: SlackBlock[] } {
  const content = reply.blocks.flatMap(renderBlock);
  const trailing: SlackBlock[] = [];
  if (reply.paging && reply.paging.pages > 1) trailing.push(...pagingBlocks(reply));
  if (reply.suggestions && reply.suggestions.length > 0) trailing.push(...suggestionBlocks(reply.suggestions, reply.conversation));
  if (reply.feedback) trailing.push(feedbackBlock(reply, reply.feedback.answerId));

  const room = L.blocksPerMessage - trailing.length;
  let blocks: SlackBlock[];
  if (content.length <= room) {
    blocks = [...content, ...trailing];
  } else {
    const kept = content.slice(0, room - 1);
    const left = content.length - kept.length;
    blocks = [...kept, context(`${ELLIPSIS} shortened: ${left} more part${left === 1 ? '' : 's'} not shown here.`), ...trailing];
  }
  const text = fitEscaped(renderPlainText(reply), L.fallbackText, ELLIPSIS) || ' ';
  return { text, blocks };
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.kind) {
    case 'heading':
      return block.text.trim() ? [{ type: 'header', text: { type: 'plain_text', text: fitEscaped(block.text, L.headerText, ELLIPSIS), emoji: true } }] : [];
    case 'paragraph':
      return block.text.trim() ? [section(escapeText(block.text))] : [];
    case 'bullets':
      return block.items.length > 0 ? [section(block.items.map((i) => `• ${escapeText(i)}`).join('\n'))] : [];
    case 'qa':
      return [section(`*${escapeText(block.question)}*\n${escapeText(block.answer)}`)];
    case 'citation':
      return [context(citationText(block.citation))];
    case 'links':
      return block.links.length > 0 ? [context(block.links.map((l) => link(l.url, l.label)).join('  ·  '))] : [];
    case 'note':
      return block.text.trim() ? [context(escapeText(block.text))] : [];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function citationText(c: Citation): string {
  const where = `${escapeText(c.briefingTitle)} › ${escapeText(c.sectionTitle)}${c.qaId ? ` (Q&amp;A ${escapeText(c.qaId)})` : ''}`;
  return `Source: ${where} · ${link(c.source.url, c.source.label)}`;
}

/** `<url|label>` for http(s) URLs Slack can link safely; anything else is shown as escaped text. */
function link(url: string, label: string): string {
  const safeLabel = escapeText(label).replace(/\|/g, '¦');
  if (!/^https?:\/\/[^\s<>|]+$/i.test(url) || url.length > 3000) return `${safeLabel}: ${escapeText(url)}`;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): SlackButton {
  return {
    type: 'button',
    text: { type: 'plain_text', text: fitEscaped(text, L.buttonText, ELLIPSIS), emoji: true },
    action_id: actionId.slice(0, L.actionId),
    value,
    ...(style ? { style } : {}),
  };
}

/** JSON for a button value, shortening the named string field until it fits the value limit. */
export function encodeValue<T extends object>(value: T, shrink?: keyof T): string {
  let v = value;
  let json = JSON.stringify(v);
  for (let i = 0; json.length > L.buttonValue && shrink && typeof v[shrink] === 'string' && i < 10; i++) {
    const s = v[shrink] as string;
    const keep = Math.max(0, s.length - (json.length - L.buttonValue) - ELLIPSIS.length);
    v = { ...v, [shrink]: `${s.slice(0, keep)}${ELLIPSIS}` };
    json = JSON.stringify(v);
  }
  return json.length <= L.buttonValue ? json : '{}';
}

function suggestionBlocks(suggestions: readonly string[], conversation: string | undefined): SlackBlock[] {
  const buttons = suggestions.map((q, i) =>
    button(q, `${ACTION.suggest}_${i}`, encodeValue<SuggestValue>({ ...(conversation ? { c: conversation } : {}), q: q.slice(0, 1000) }, 'q')),
  );
  const blocks: SlackBlock[] = [{ type: 'actions', elements: buttons.slice(0, L.actionsElements) }];
  const left = buttons.length - L.actionsElements;
  if (left > 0) blocks.push(context(`${ELLIPSIS} ${left} more suggested question${left === 1 ? '' : 's'} not shown.`));
  return blocks;
}

function feedbackBlock(reply: Reply, answerId: string): SlackBlock {
  const encoded = encodeValue<FeedbackValue>({ ...(reply.conversation ? { c: reply.conversation } : {}), id: answerId });
  return {
    type: 'actions',
    elements: [button('👍 Helpful', ACTION.feedbackUp, encoded), button('👎 Not helpful', ACTION.feedbackDown, encoded)],
  };
}

function pagingBlocks(reply: Reply): SlackBlock[] {
  const p = reply.paging;
  if (!p) return [];
  const buttons: SlackButton[] = [];
  if (p.page > 1) buttons.push(button('◀ Previous', ACTION.pagePrev, encodeValue<PageValue>({ n: p.command, a: p.args, p: p.page - 1 })));
  if (p.page < p.pages) buttons.push(button('Next ▶', ACTION.pageNext, encodeValue<PageValue>({ n: p.command, a: p.args, p: p.page + 1 })));
  return [context(`Page ${p.page} of ${p.pages}`), ...(buttons.length > 0 ? [{ type: 'actions', elements: buttons } as SlackBlock] : [])];
}

import { DiscordLimits } from './discord-limits.js';

/**
 * The `custom_id` on briefbot's buttons and modals: `kind:conversation:…`, at most 100 characters.
 *
 *   sg:<conversation>:<index>:<p|e>   suggested follow-up question <index> (its text is the button label)
 *   fu:<conversation>:<p|e>           "Follow up" button: opens the question modal
 *   fm:<conversation>:<p|e>           the question modal itself
 *   fb:<conversation>:<answer>:<u|d>  👍 / 👎 on answer <answer> of the conversation
 *   pg:<command>:<page>:<args>        previous / next page of a list (args: base64url JSON)
 *
 * `p|e` is the visibility the follow-up answer gets (public or ephemeral), inherited from the reply.
 * Decoding is strict: anything else is treated as forged. Conversation ids are random and unguessable,
 * and the handler also looks the conversation up in the store before acting on it.
 */
export type CustomId =
  | { readonly kind: 'suggestion'; readonly conversation: string; readonly index: number; readonly public: boolean }
  | { readonly kind: 'follow-up'; readonly conversation: string; readonly public: boolean }
  | { readonly kind: 'modal'; readonly conversation: string; readonly public: boolean }
  | { readonly kind: 'feedback'; readonly conversation: string; readonly answerId: string; readonly helpful: boolean }
  | { readonly kind: 'page'; readonly command: string; readonly page: number; readonly args: Readonly<Record<string, string | number | boolean>> };

const CONVERSATION = '[A-Za-z0-9_.-]{1,64}';
const PATTERNS = {
  suggestion: new RegExp(`^sg:(${CONVERSATION}):([0-9]|1[0-9]|2[0-4]):([pe])$`),
  followUp: new RegExp(`^fu:(${CONVERSATION}):([pe])$`),
  modal: new RegExp(`^fm:(${CONVERSATION}):([pe])$`),
  feedback: new RegExp(`^fb:(${CONVERSATION}):([a-z0-9]{1,16}):([ud])$`),
  page: /^pg:([a-z0-9_-]{1,32}):([1-9][0-9]{0,3}):([A-Za-z0-9_-]{0,80})$/,
};

export function isValidConversationId(id: string): boolean {
  return new RegExp(`^${CONVERSATION}$`).test(id);
}

/** The custom_id for `id`, or undefined when it would not fit in Discord's 100 characters. */
export function encodeCustomId(id: CustomId): string | undefined {
  let out: string;
  switch (id.kind) {
    case 'suggestion':
      out = `sg:${id.conversation}:${id.index}:${id.public ? 'p' : 'e'}`;
      break;
    case 'follow-up':
      out = `fu:${id.conversation}:${id.public ? 'p' : 'e'}`;
      break;
    case 'modal':
      out = `fm:${id.conversation}:${id.public ? 'p' : 'e'}`;
      break;
    case 'feedback':
      out = `fb:${id.conversation}:${id.answerId}:${id.helpful ? 'u' : 'd'}`;
      break;
    case 'page': {
      const args = Object.keys(id.args).length > 0 ? Buffer.from(JSON.stringify(id.args)).toString('base64url') : '';
      out = `pg:${id.command}:${id.page}:${args}`;
      break;
    }
  }
  return out.length <= DiscordLimits.customId && decodeCustomId(out) ? out : undefined;
}

/** The parsed custom_id, or undefined for anything briefbot did not make (unknown, malformed or forged). */
export function decodeCustomId(raw: unknown): CustomId | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > DiscordLimits.customId) return undefined;
  let m = PATTERNS.suggestion.exec(raw);
  if (m) return { kind: 'suggestion', conversation: m[1] as string, index: Number(m[2]), public: m[3] === 'p' };
  m = PATTERNS.followUp.exec(raw);
  if (m) return { kind: 'follow-up', conversation: m[1] as string, public: m[2] === 'p' };
  m = PATTERNS.modal.exec(raw);
  if (m) return { kind: 'modal', conversation: m[1] as string, public: m[2] === 'p' };
  m = PATTERNS.feedback.exec(raw);
  if (m) return { kind: 'feedback', conversation: m[1] as string, answerId: m[2] as string, helpful: m[3] === 'u' };
  m = PATTERNS.page.exec(raw);
  if (m) {
    const args = m[3] ? parseArgs(m[3]) : {};
    if (!args) return undefined;
    return { kind: 'page', command: m[1] as string, page: Number(m[2]), args };
  }
  return undefined;
}

function parseArgs(b64: string): Record<string, string | number | boolean> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(b64, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const out: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!/^[a-z0-9_-]{1,32}$/.test(k) || !['string', 'number', 'boolean'].includes(typeof v)) return undefined;
      out[k] = v as string | number | boolean;
    }
    return out;
  } catch {
    return undefined;
  }
}

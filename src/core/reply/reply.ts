/**
 * The platform-neutral reply every command returns. Text is plain (no Markdown, no mentions);
 * each renderer escapes and formats it for its platform and applies that platform's limits.
 */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bullets'; readonly items: readonly string[] }
  | { readonly kind: 'qa'; readonly question: string; readonly answer: string }
  | { readonly kind: 'citation'; readonly citation: Citation }
  | { readonly kind: 'links'; readonly links: readonly Link[] }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'divider' };

export interface Citation {
  readonly briefingId: string;
  readonly briefingTitle: string;
  readonly sectionId: string;
  readonly sectionTitle: string;
  /** Set when the answer is a curated Q&A pair. */
  readonly qaId?: string;
  readonly source: Link;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

/** `private`: only the person who asked sees it (Discord ephemeral, Slack ephemeral). */
export type Visibility = 'public' | 'private';

export type ReplyKind = 'briefing' | 'answer' | 'refusal' | 'list' | 'help' | 'info' | 'error';

export interface Reply {
  readonly kind: ReplyKind;
  readonly blocks: readonly Block[];
  readonly visibility: Visibility;
  /** Suggested follow-up questions, shown as buttons where the platform has them. */
  readonly suggestions?: readonly string[];
  /** The conversation a follow-up to this reply continues. */
  readonly conversation?: string;
  /** Who sees the answers to this reply's suggestion and follow-up buttons; default: whoever sees the reply. */
  readonly followUps?: Visibility;
  /** Offer 👍 / 👎 on this reply: the answer they are about, within `conversation`. */
  readonly feedback?: { readonly answerId: string };
  /** For `error` replies caused by a bug: the id quoted to the user and logged with the stack. */
  readonly incident?: string;
  /** For paged lists: the command and arguments that fetch the previous and next page. */
  readonly paging?: Paging;
}

export interface Paging {
  readonly page: number;
  readonly pages: number;
  readonly command: string;
  readonly args: Readonly<Record<string, string | number | boolean>>;
}

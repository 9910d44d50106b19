import type { Briefing, BriefingLength } from '../briefing/briefing.js';
import { slugify } from '../briefing/briefing.js';
import type { BriefingLibrary } from '../briefing/briefing-library.js';
import { briefingBlocks } from '../reply/replies.js';
import type { Block, Reply } from '../reply/reply.js';

/** At most this many briefings in one digest message; the rest are named in a closing note. */
export const MAX_DIGEST_BRIEFINGS = 5;

export function normaliseTopics(topics: readonly string[]): string[] {
  return [...new Set(topics.map((t) => slugify(t)).filter(Boolean))];
}

/** Topics as typed: "niger, russia" or "niger russia". */
export function parseTopics(text: string | undefined): string[] {
  return normaliseTopics((text ?? '').split(/[,\s]+/));
}

/** Published briefings updated after `since` whose tags meet the topics (any one), most recent first. */
export function digestBriefings(library: BriefingLibrary, topics: readonly string[], since: Date, until: Date): Briefing[] {
  const wanted = new Set(normaliseTopics(topics));
  return library
    .list()
    .filter((b) => b.updated.getTime() > since.getTime() && b.updated.getTime() <= until.getTime())
    .filter((b) => wanted.size === 0 || b.tags.some((t) => wanted.has(slugify(t))));
}

export interface DigestHeader {
  /** "Your daily digest" style title, already in words. */
  readonly title: string;
  /** "Briefings since Mon 13 Jan, 08:00 GMT" style line. */
  readonly since: string;
}

/** The digest message: like a /brief message per briefing (same follow-up buttons), under one heading. */
export function digestReply(briefings: readonly Briefing[], length: BriefingLength, header: DigestHeader, conversation: string): Reply {
  const shown = briefings.slice(0, MAX_DIGEST_BRIEFINGS);
  const blocks: Block[] = [
    { kind: 'heading', text: header.title },
    { kind: 'note', text: `${briefings.length} new or updated briefing${briefings.length === 1 ? '' : 's'} · ${header.since}` },
  ];
  shown.forEach((b) => {
    blocks.push({ kind: 'divider' });
    blocks.push(...briefingBlocks(b, length));
  });
  if (briefings.length > shown.length) {
    blocks.push(
      { kind: 'divider' },
      {
        kind: 'note',
        text: `And ${briefings.length - shown.length} more: ${briefings
          .slice(shown.length)
          .map((b) => b.id)
          .join(', ')}. Use /brief <id> to read one.`,
      },
    );
  }
  return {
    kind: 'briefing',
    blocks,
    visibility: 'public',
    suggestions: (shown[0]?.qa ?? []).slice(0, 3).map((q) => q.question),
    conversation,
    followUps: 'private',
  };
}

export function nothingNewReply(header: DigestHeader): Reply {
  return {
    kind: 'info',
    blocks: [
      { kind: 'heading', text: header.title },
      { kind: 'paragraph', text: `Nothing new on your topics ${header.since.replace(/^Briefings since/, 'since')}.` },
    ],
    visibility: 'public',
  };
}

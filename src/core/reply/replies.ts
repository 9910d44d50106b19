import { type Briefing, type BriefingLength, sectionHeading } from '../briefing/briefing.js';
import type { Turn } from '../conversations/conversation-service.js';
import type { Block, Citation, Reply, Visibility } from './reply.js';

/** What briefbot says, for every platform: domain results in, neutral replies out. */

export function sourceLink(b: Briefing): { label: string; url: string } {
  const by = b.source.agency ? `${b.source.publication} (with ${b.source.agency})` : b.source.publication;
  return { label: `${by}, ${b.source.published}`, url: b.source.url };
}

export function briefingBlocks(b: Briefing, length: BriefingLength): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: b.title },
    { kind: 'paragraph', text: b.tldr },
  ];
  if (length !== 'tldr') {
    blocks.push({ kind: 'paragraph', text: b.summary }, { kind: 'heading', text: 'Key points' }, { kind: 'bullets', items: b.keyPoints });
  }
  if (length === 'full') {
    for (const s of b.sections) {
      blocks.push({ kind: 'heading', text: s.heading });
      for (const p of s.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    }
    if (b.who.length > 0) blocks.push({ kind: 'heading', text: "Who's who" }, { kind: 'bullets', items: b.who.map((e) => `${e.name}: ${e.description}`) });
    if (b.places.length > 0) blocks.push({ kind: 'heading', text: 'Places' }, { kind: 'bullets', items: b.places.map((e) => `${e.name}: ${e.description}`) });
    if (b.timeline.length > 0) blocks.push({ kind: 'heading', text: 'Timeline' }, { kind: 'bullets', items: b.timeline.map((e) => `${e.date}: ${e.event}`) });
    if (b.whatNext.length > 0) blocks.push({ kind: 'heading', text: 'What happens next' }, { kind: 'bullets', items: b.whatNext });
  }
  blocks.push({ kind: 'links', links: [sourceLink(b)] }, { kind: 'note', text: `Briefing ${b.id} · updated ${b.updated.toISOString().slice(0, 10)}` });
  return blocks;
}

export function briefingReply(b: Briefing, length: BriefingLength, conversation: string, visibility: Visibility = 'public'): Reply {
  return {
    kind: 'briefing',
    blocks: briefingBlocks(b, length),
    visibility,
    suggestions: b.qa.slice(0, 3).map((q) => q.question),
    conversation,
    // A briefing is posted for a whole channel; questions about it are answered only to the asker, so a busy channel is not flooded.
    followUps: 'private',
  };
}

export function answerReply(question: string, { answer, answerId }: Turn, briefing: Briefing | undefined, conversation: string, visibility: Visibility): Reply {
  if (!answer.answered || !answer.citation || !briefing) {
    const blocks: Block[] = [{ kind: 'paragraph', text: answer.text }];
    if (answer.suggestions.length > 0) blocks.push({ kind: 'note', text: 'Here is what the briefing can answer:' });
    return { kind: 'refusal', blocks, visibility, suggestions: answer.suggestions, conversation };
  }
  const { sectionId, qaId } = answer.citation;
  const citation: Citation = {
    briefingId: briefing.id,
    briefingTitle: briefing.title,
    sectionId,
    sectionTitle: sectionHeading(briefing, sectionId),
    ...(qaId ? { qaId } : {}),
    source: sourceLink(briefing),
  };
  return {
    kind: 'answer',
    blocks: [
      { kind: 'qa', question, answer: answer.text },
      { kind: 'citation', citation },
    ],
    visibility,
    suggestions: answer.suggestions,
    conversation,
    feedback: { answerId },
  };
}

/** The same thanks on every platform. */
export function feedbackThanksReply(helpful: boolean): Reply {
  return infoReply(helpful ? 'Thanks, glad it helped. 👍' : 'Thanks, noted. Editors will look at this answer. 👎');
}

export const EXPIRED = 'That conversation has expired. Start a new one with /ask or /brief.';

/** Buttons outlive their conversation (and a conversation keeps only its latest answers). */
export function expiredReply(): Reply {
  return userErrorReply(EXPIRED);
}

export function briefingListReply(briefings: readonly Briefing[], page: number, pageSize: number, search: string | undefined): Reply {
  const pages = Math.max(1, Math.ceil(briefings.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const slice = briefings.slice((current - 1) * pageSize, current * pageSize);
  const title = search ? `Briefings matching "${search}"` : 'Briefings';
  const blocks: Block[] = [{ kind: 'heading', text: `${title} (${briefings.length})` }];
  if (slice.length === 0) blocks.push({ kind: 'paragraph', text: search ? 'No briefing matches that search.' : 'No briefings are published yet.' });
  for (const b of slice) {
    blocks.push({ kind: 'qa', question: `${b.title} — ${b.id}`, answer: `${b.updated.toISOString().slice(0, 10)} · ${b.tldr}` });
  }
  return {
    kind: 'list',
    blocks,
    visibility: 'private',
    paging: { page: current, pages, command: 'briefings', args: search ? { search } : {} },
  };
}

export function userErrorReply(message: string): Reply {
  return { kind: 'error', blocks: [{ kind: 'paragraph', text: message }], visibility: 'private' };
}

export function incidentReply(incident: string): Reply {
  return {
    kind: 'error',
    blocks: [{ kind: 'paragraph', text: `Sorry, something went wrong on our side. If it keeps happening, quote incident ${incident}.` }],
    visibility: 'private',
    incident,
  };
}

export function infoReply(text: string, visibility: Visibility = 'private'): Reply {
  return { kind: 'info', blocks: [{ kind: 'paragraph', text }], visibility };
}

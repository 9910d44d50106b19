import type { FeedbackRecord, UnansweredRecord } from '../ports/storage.js';

/**
 * `briefbot report unanswered`: what people asked that the bot refused or that they voted 👎, grouped by
 * the briefing it was routed to, each question counted (case and spacing ignored), most asked first.
 * An editor reads it to see which Q&A pairs or aliases a briefing is missing.
 */
export interface ReportedQuestion {
  readonly question: string;
  readonly refused: number;
  readonly downvoted: number;
  readonly last: Date;
}

export interface BriefingReport {
  /** null: questions no briefing was routed to. */
  readonly briefing: string | null;
  readonly total: number;
  readonly questions: readonly ReportedQuestion[];
}

const key = (q: string) =>
  q
    .toLowerCase()
    .replace(/[\s?!.]+/g, ' ')
    .trim();

export function unansweredReport(refused: readonly UnansweredRecord[], downvoted: readonly FeedbackRecord[]): BriefingReport[] {
  const groups = new Map<string | null, Map<string, { question: string; refused: number; downvoted: number; last: Date }>>();
  const add = (briefing: string | null, question: string, at: Date, kind: 'refused' | 'downvoted') => {
    let group = groups.get(briefing);
    if (!group) {
      group = new Map();
      groups.set(briefing, group);
    }
    const k = key(question);
    const entry = group.get(k) ?? { question, refused: 0, downvoted: 0, last: at };
    entry[kind]++;
    if (at > entry.last) entry.last = at;
    group.set(k, entry);
  };
  for (const r of refused) add(r.briefing, r.question, r.at, 'refused');
  for (const f of downvoted) if (!f.helpful) add(f.briefing, f.question, f.at, 'downvoted');
  const count = (q: ReportedQuestion) => q.refused + q.downvoted;
  return [...groups]
    .map(([briefing, qs]) => {
      const questions = [...qs.values()].sort((a, b) => count(b) - count(a) || b.last.getTime() - a.last.getTime());
      return { briefing, total: questions.reduce((s, q) => s + count(q), 0), questions };
    })
    .sort((a, b) => b.total - a.total || String(a.briefing).localeCompare(String(b.briefing)));
}

/** "7d", "24h", "90m" → milliseconds; undefined when it is not one. */
export function parseSince(text: string): number | undefined {
  const m = /^(\d+)\s*(m|h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[(m[2] as string).toLowerCase() as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

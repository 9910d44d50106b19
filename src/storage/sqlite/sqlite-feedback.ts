import type { CitationRef, FeedbackRecord, FeedbackStore, UnansweredRecord, UnansweredStore } from '../../core/ports/storage.js';
import { parseJson, type SqliteDatabase } from './sqlite-database.js';

interface FeedbackRow {
  platform: string;
  user_id: string;
  conversation: string | null;
  question: string;
  answer: string;
  briefing: string | null;
  citation: string | null;
  helpful: number;
  at: number;
}

export class SqliteFeedbackStore implements FeedbackStore {
  constructor(private readonly db: SqliteDatabase) {}

  async record(f: FeedbackRecord): Promise<void> {
    // `citations` is the column of the first schema, kept for old rows; new rows carry `citation`.
    this.db
      .prepare(
        `INSERT INTO feedback (platform, user_id, conversation, question, answer, briefing, citations, citation, helpful, at)
         VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
      )
      .run(
        f.platform,
        f.user,
        f.conversation,
        f.question,
        f.answer,
        f.briefing,
        f.citation ? JSON.stringify(f.citation) : null,
        f.helpful ? 1 : 0,
        f.at.getTime(),
      );
  }

  async list(options: { helpful?: boolean; since?: Date; limit?: number } = {}): Promise<FeedbackRecord[]> {
    const rows = this.db
      .prepare<[{ helpful: number | null; since: number; limit: number }], FeedbackRow>(
        'SELECT * FROM feedback WHERE (@helpful IS NULL OR helpful = @helpful) AND at >= @since ORDER BY at DESC, id DESC LIMIT @limit',
      )
      .all({ helpful: options.helpful === undefined ? null : options.helpful ? 1 : 0, since: options.since?.getTime() ?? 0, limit: options.limit ?? 100 });
    return rows.map((r) => {
      const citation = parseJson<CitationRef>(r.citation);
      return {
        platform: r.platform,
        user: r.user_id,
        conversation: r.conversation,
        question: r.question,
        answer: r.answer,
        briefing: r.briefing,
        ...(citation ? { citation } : {}),
        helpful: r.helpful === 1,
        at: new Date(r.at),
      };
    });
  }
}

export class SqliteUnansweredStore implements UnansweredStore {
  constructor(private readonly db: SqliteDatabase) {}

  async record(u: UnansweredRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO unanswered (platform, conversation, question, briefing, at) VALUES (?, ?, ?, ?, ?)')
      .run(u.platform, u.conversation, u.question, u.briefing, u.at.getTime());
  }

  async list(options: { since?: Date; limit?: number } = {}): Promise<UnansweredRecord[]> {
    return this.db
      .prepare<[number, number], { platform: string; conversation: string | null; question: string; briefing: string | null; at: number }>(
        'SELECT * FROM unanswered WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(options.since?.getTime() ?? 0, options.limit ?? 10_000)
      .map((r) => ({ platform: r.platform, conversation: r.conversation, question: r.question, briefing: r.briefing, at: new Date(r.at) }));
  }
}

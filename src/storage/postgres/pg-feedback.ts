import type { CitationRef, FeedbackRecord, FeedbackStore, UnansweredRecord, UnansweredStore } from '../../core/ports/storage.js';
import type { PgDatabase } from './pg-database.js';

interface FeedbackRow {
  platform: string;
  user_id: string;
  conversation: string | null;
  question: string;
  answer: string;
  briefing: string | null;
  citation: CitationRef | null;
  helpful: boolean;
  at: Date;
}

export class PgFeedbackStore implements FeedbackStore {
  constructor(private readonly db: PgDatabase) {}

  async record(f: FeedbackRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO feedback (platform, user_id, conversation, question, answer, briefing, citation, helpful, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [f.platform, f.user, f.conversation, f.question, f.answer, f.briefing, f.citation ? JSON.stringify(f.citation) : null, f.helpful, f.at],
    );
  }

  async list(options: { helpful?: boolean; since?: Date; limit?: number } = {}): Promise<FeedbackRecord[]> {
    const rows = await this.db.rows<FeedbackRow>(
      `SELECT * FROM feedback
        WHERE ($1::boolean IS NULL OR helpful = $1) AND at >= $2
        ORDER BY at DESC, id DESC LIMIT $3`,
      [options.helpful ?? null, options.since ?? new Date(0), options.limit ?? 100],
    );
    return rows.map((r) => ({
      platform: r.platform,
      user: r.user_id,
      conversation: r.conversation,
      question: r.question,
      answer: r.answer,
      briefing: r.briefing,
      ...(r.citation ? { citation: r.citation } : {}),
      helpful: r.helpful,
      at: r.at,
    }));
  }
}

type UnansweredRow = { platform: string; conversation: string | null; question: string; briefing: string | null; at: Date };

export class PgUnansweredStore implements UnansweredStore {
  constructor(private readonly db: PgDatabase) {}

  async record(u: UnansweredRecord): Promise<void> {
    await this.db.query('INSERT INTO unanswered (platform, conversation, question, briefing, at) VALUES ($1, $2, $3, $4, $5)', [
      u.platform,
      u.conversation,
      u.question,
      u.briefing,
      u.at,
    ]);
  }

  async list(options: { since?: Date; limit?: number } = {}): Promise<UnansweredRecord[]> {
    // Columns named as the record's fields, so rows are records as they come.
    return this.db.rows<UnansweredRow>(
      `SELECT platform, conversation, question, briefing, at FROM unanswered
        WHERE at >= $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [options.since ?? new Date(0), options.limit ?? 10_000],
    );
  }
}

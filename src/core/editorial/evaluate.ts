import { z } from 'zod';

/**
 * `briefbot eval`: an editor's own questions, run through the real engine, each marked right or
 * wrong. One JSON object per line:
 *   {"q": "...", "any"?: [...], "all"?: [...], "refuse"?: true, "briefing"?: "<id>", "conversation"?: "<id>"}
 * `any`: the answer contains one of these; `all`: each of these (case and accents ignored);
 * `refuse`: the bot must say the briefings don't cover it; `briefing`: the one it is about (for
 * routing); lines sharing `conversation` are one conversation in file order, later lines being
 * follow-ups. The older form `{"conversation": "<id>", "turns": [ ...lines ]}` is accepted too.
 */
const expectation = z.object({
  id: z.string().optional(),
  q: z.string().trim().min(1),
  any: z.array(z.string().min(1)).min(1).optional(),
  all: z.array(z.string().min(1)).min(1).optional(),
  refuse: z.boolean().optional(),
  briefing: z.string().optional(),
  conversation: z.string().min(1).optional(),
  part: z.string().optional(),
});
const nested = z.object({ conversation: z.string().min(1), turns: z.array(expectation.omit({ conversation: true })).min(1) });

export type EvalLine = z.output<typeof expectation>;

export interface EvalProblem {
  readonly line: number;
  readonly message: string;
}

/** Parses eval lines; a bad line is a problem naming its line, and the rest still count. */
export function parseEvalLines(text: string): { lines: EvalLine[]; problems: EvalProblem[] } {
  const lines: EvalLine[] = [];
  const problems: EvalProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const turns = nested.safeParse(data);
    if (turns.success) {
      for (const t of turns.data.turns) lines.push({ ...t, conversation: turns.data.conversation });
      return;
    }
    const one = expectation.safeParse(data);
    if (!one.success) {
      problems.push({ line: i + 1, message: one.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ') });
      return;
    }
    if (!one.data.refuse && !one.data.any && !one.data.all) {
      problems.push({ line: i + 1, message: 'give "any", "all" or "refuse": true' });
      return;
    }
    lines.push(one.data);
  });
  return { lines, problems };
}

/** What eval needs from an answer. */
export interface EvalAnswer {
  readonly answered: boolean;
  readonly text: string;
  readonly briefing: string | null;
  readonly cited: boolean;
}

/** Asks one question; `conversation` is the same key for every turn of one conversation. */
export type Asker = (question: string, conversation: string) => Promise<EvalAnswer>;

export type EvalKind = 'answerable' | 'refuse' | 'follow-up';

export interface EvalResult {
  readonly line: EvalLine;
  readonly kind: EvalKind;
  readonly answer: EvalAnswer;
  readonly right: boolean;
  /** Whether the question reached the briefing it is about; undefined when the line names none. */
  readonly routed?: boolean;
}

export interface Tally {
  readonly right: number;
  readonly total: number;
}

export interface EvalSummary {
  readonly answerable: Tally;
  readonly refuse: Tally;
  readonly followUps: Tally;
  readonly routed: Tally;
  /** Answers given without a citation: must be 0. */
  readonly uncited: number;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whether an answer meets the line's expectation. */
export function meets(line: Pick<EvalLine, 'any' | 'all' | 'refuse'>, answer: Pick<EvalAnswer, 'answered' | 'text'>): boolean {
  if (line.refuse) return !answer.answered;
  if (!answer.answered) return false;
  const text = fold(answer.text);
  if (line.any && !line.any.some((w) => text.includes(fold(w)))) return false;
  if (line.all && !line.all.every((w) => text.includes(fold(w)))) return false;
  return true;
}

/** Runs every line in order; conversations continue across their lines. */
export async function evaluate(lines: readonly EvalLine[], ask: Asker): Promise<{ results: EvalResult[]; summary: EvalSummary }> {
  const seen = new Set<string>();
  const results: EvalResult[] = [];
  for (const [i, line] of lines.entries()) {
    const key = line.conversation ?? `line-${i}`;
    const followUp = line.conversation !== undefined && seen.has(line.conversation);
    seen.add(key);
    const answer = await ask(line.q, key);
    const kind: EvalKind = followUp ? 'follow-up' : line.refuse ? 'refuse' : 'answerable';
    results.push({
      line,
      kind,
      answer,
      right: meets(line, answer),
      ...(line.briefing ? { routed: answer.briefing === line.briefing } : {}),
    });
  }
  return { results, summary: summarise(results) };
}

export function summarise(results: readonly EvalResult[]): EvalSummary {
  const tally = (rs: readonly EvalResult[], ok: (r: EvalResult) => boolean): Tally => ({ right: rs.filter(ok).length, total: rs.length });
  const right = (r: EvalResult) => r.right;
  return {
    answerable: tally(
      results.filter((r) => r.kind === 'answerable'),
      right,
    ),
    refuse: tally(
      results.filter((r) => r.kind === 'refuse'),
      right,
    ),
    followUps: tally(
      results.filter((r) => r.kind === 'follow-up'),
      right,
    ),
    routed: tally(
      results.filter((r) => r.routed !== undefined && !r.line.refuse),
      (r) => r.routed === true,
    ),
    uncited: results.filter((r) => r.answer.answered && !r.answer.cited).length,
  };
}

export function share(t: Tally): number {
  return t.total === 0 ? 1 : t.right / t.total;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine, type ConversationContext } from '../../../src/core/answers/answer-engine.js';
import { BriefingLibrary } from '../../../src/core/briefing/briefing-library.js';
import { type EvalSummary, evaluate, parseEvalLines, share } from '../../../src/core/editorial/evaluate.js';
import { loadBriefingDir } from '../../../src/storage/briefing-files/load-briefing-dir.js';
import { SEED_DIR } from '../../helpers/bot.js';

/**
 * Accuracy floors on our own labelled sets (the seed briefing's and the evaluation briefings', all
 * in one library so routing counts too), just under what the engine scores today with the weights
 * fitted on them (README: "How answers work"). A change that makes answering, refusing, following up
 * or routing worse fails here. Held-out figures are the README's leave-one-out table, not this.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures');
let engine: AnswerEngine;

beforeAll(async () => {
  const loaded = [...(await loadBriefingDir(SEED_DIR)), ...(await loadBriefingDir(join(FIXTURES, 'eval/briefings')))];
  engine = new AnswerEngine(new BriefingLibrary(loaded.flatMap((r) => (r.briefing ? [r.briefing] : []))));
});

async function run(path: string): Promise<EvalSummary> {
  const { lines, problems } = parseEvalLines(readFileSync(path, 'utf8'));
  expect(problems).toEqual([]);
  const contexts = new Map<string, ConversationContext>();
  const { summary } = await evaluate(lines, async (q, key) => {
    const context = contexts.get(key);
    const a = engine.answer(q, context ? { context } : {});
    if (a.context) contexts.set(key, a.context);
    return { answered: a.answered, text: a.text, briefing: a.briefing, cited: a.citation !== undefined };
  });
  return summary;
}

const sum = (xs: EvalSummary[], k: 'answerable' | 'refuse' | 'followUps' | 'routed') =>
  share({ right: xs.reduce((s, x) => s + x[k].right, 0), total: xs.reduce((s, x) => s + x[k].total, 0) });

describe('answer engine calibration', () => {
  // Hundreds of questions each: give a busy machine time.
  it('the seed briefing’s own sets', { timeout: 180_000 }, async () => {
    const s = await Promise.all(['seed-questions.jsonl', 'holdout-questions.jsonl'].map((f) => run(join(FIXTURES, 'questions', f))));
    expect(sum(s, 'answerable')).toBeGreaterThanOrEqual(0.5);
    expect(sum(s, 'refuse')).toBeGreaterThanOrEqual(0.8);
    expect(sum(s, 'followUps')).toBeGreaterThanOrEqual(0.35);
    expect(s.every((x) => x.uncited === 0)).toBe(true);
  });

  it('eight briefings on other subjects', { timeout: 300_000 }, async () => {
    const dir = join(FIXTURES, 'eval/questions');
    const s = await Promise.all(readdirSync(dir).map((f) => run(join(dir, f))));
    expect(sum(s, 'answerable')).toBeGreaterThanOrEqual(0.4);
    expect(sum(s, 'refuse')).toBeGreaterThanOrEqual(0.75);
    expect(sum(s, 'routed')).toBeGreaterThanOrEqual(0.9);
    expect(s.every((x) => x.uncited === 0)).toBe(true);
  });
});

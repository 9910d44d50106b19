import MiniSearch from 'minisearch';
import { AnswerEngine } from '../src/core/answers/answer-engine.js';
import { passagesOf } from '../src/core/answers/passages.js';
import { meets } from '../src/core/editorial/evaluate.js';
import { questionSets, trainingLibrary } from './answer-training.js';

/**
 * The plain baseline the code review measured the engine against: one MiniSearch index (BM25, fuzzy,
 * prefix) over every passage of every briefing, answering with its top hit. Printed beside the engine
 * on the same labelled questions, so a change that loses to it shows.
 */
export async function baselineComparison(): Promise<object> {
  const { library, briefings } = await trainingLibrary();
  const docs = briefings.flatMap((b) => passagesOf(b).map((p) => ({ id: `${b.id}#${p.id}`, text: [p.text, ...(p.phrasings ?? [])].join(' '), shown: p.text })));
  const search = new MiniSearch<{ id: string; text: string; shown: string }>({ fields: ['text'], storeFields: ['shown'] });
  search.addAll(docs);
  const engine = new AnswerEngine(library);
  let asked = 0;
  let baseline = 0;
  let top = 0;
  let answered = 0;
  let toRefuse = 0;
  let refused = 0;
  for (const set of questionSets().filter((s) => !s.briefing.startsWith('niger'))) {
    for (const line of set.lines) {
      if (line.conversation) continue;
      const a = engine.answer(line.q);
      if (line.refuse) {
        toRefuse++;
        if (!a.answered) refused++;
        continue;
      }
      asked++;
      const hit = search.search(line.q, { fuzzy: 0.2, prefix: true })[0];
      if (hit && meets(line, { answered: true, text: hit.shown as string })) baseline++;
      const best = engine.consider(line.q).best;
      if (best && meets(line, { answered: true, text: best.passage.passage.text })) top++;
      if (meets(line, a)) answered++;
    }
  }
  const pct = (n: number, d: number) => Math.round((1000 * n) / Math.max(1, d)) / 10;
  return {
    bench: 'answer_accuracy_vs_baseline',
    sets: 'test/fixtures/eval (in-sample for the engine)',
    questions: asked,
    baseline_top_hit_right_pct: pct(baseline, asked),
    engine_top_passage_right_pct: pct(top, asked),
    engine_answered_right_pct: pct(answered, asked),
    engine_refused_right_pct: pct(refused, toRefuse),
  };
}

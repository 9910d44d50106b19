import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Answer, AnswerEngine, type AnswerRequest } from '../src/core/answers/answer-engine.js';
import type { AnswerModel, Features } from '../src/core/answers/answer-model.js';
import type { Briefing } from '../src/core/briefing/briefing.js';
import { BriefingLibrary } from '../src/core/briefing/briefing-library.js';
import { type EvalLine, meets, parseEvalLines } from '../src/core/editorial/evaluate.js';
import { loadBriefingDir } from '../src/storage/briefing-files/load-briefing-dir.js';

/**
 * Labelled question sets for fitting and checking the answer model: the seed briefing's own sets and
 * one set per evaluation briefing in test/fixtures/eval. The blind sets (test/fixtures/blind) are
 * never read here.
 */
const ROOT = join(import.meta.dirname, '..');

export interface QuestionSet {
  /** The briefing the set is about ("seed" sets are about the shipped briefing). */
  readonly briefing: string;
  readonly name: string;
  readonly lines: readonly EvalLine[];
}

export async function trainingLibrary(): Promise<{ library: BriefingLibrary; briefings: Briefing[] }> {
  const loaded = [...(await loadBriefingDir(join(ROOT, 'briefings'))), ...(await loadBriefingDir(join(ROOT, 'test/fixtures/eval/briefings')))];
  const briefings = loaded.flatMap((r) => (r.briefing ? [r.briefing] : []));
  return { library: new BriefingLibrary(briefings), briefings };
}

export function questionSets(): QuestionSet[] {
  const sets: QuestionSet[] = [];
  const read = (dir: string, name: string, briefing: string) => {
    const { lines, problems } = parseEvalLines(readFileSync(join(dir, name), 'utf8'));
    if (problems.length > 0) throw new Error(`${name}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
    sets.push({ briefing, name, lines });
  };
  const seedDir = join(ROOT, 'test/fixtures/questions');
  for (const name of readdirSync(seedDir).filter((n) => n.endsWith('.jsonl'))) read(seedDir, name, 'niger-russia-airbase-101');
  const evalDir = join(ROOT, 'test/fixtures/eval/questions');
  for (const name of readdirSync(evalDir).filter((n) => n.endsWith('.jsonl'))) read(evalDir, name, name.replace(/\.jsonl$/, ''));
  return sets;
}

/** One asked question: every candidate's features with whether its text is a right answer. */
export interface Example {
  readonly set: string;
  readonly line: EvalLine;
  readonly followUp: boolean;
  readonly candidates: readonly { readonly features: Features; readonly right: boolean }[];
}

/** Runs the sets through an engine with `model`, conversations continuing as they would in chat. */
export function collect(library: BriefingLibrary, model: AnswerModel, sets: readonly QuestionSet[], limit = 30): { examples: Example[]; answers: Answer[] } {
  const engine = new AnswerEngine(library, { model });
  const examples: Example[] = [];
  const answers: Answer[] = [];
  for (const set of sets) {
    const contexts = new Map<string, AnswerRequest['context']>();
    for (const [i, line] of set.lines.entries()) {
      const key = line.conversation ?? `line-${i}`;
      const context = contexts.get(key);
      const request = context ? { context } : {};
      const considered = engine.consider(line.q, request);
      const scored = considered.all;
      examples.push({
        set: set.name,
        line,
        followUp: context !== undefined,
        candidates: scored
          .slice(0, limit)
          .map((s) => ({ features: s.features, right: !line.refuse && meets(line, { answered: true, text: s.passage.passage.text }) })),
      });
      const answer = engine.decide(considered, request);
      answers.push(answer);
      if (answer.context) contexts.set(key, answer.context);
    }
  }
  return { examples, answers };
}

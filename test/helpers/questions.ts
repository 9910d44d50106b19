import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer } from '../../src/core/answers/answer-engine.js';

export interface Expectation {
  readonly id?: string;
  readonly q: string;
  readonly any?: readonly string[];
  readonly all?: readonly string[];
  readonly refuse?: boolean;
}

export type QuestionLine = Expectation | { readonly conversation: string; readonly turns: readonly Expectation[] };

export function readQuestions(name: string): QuestionLine[] {
  return readFileSync(join(import.meta.dirname, '../fixtures/questions', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QuestionLine);
}

/** The fixture format: `any` = contains one of the words, `all` = contains each, `refuse` = must not answer. */
export function meets(e: Expectation, a: Pick<Answer, 'answered' | 'text'>): boolean {
  if (e.refuse) return !a.answered;
  if (!a.answered) return false;
  const text = a.text.toLowerCase();
  if (e.any) return e.any.some((w) => text.includes(w.toLowerCase()));
  if (e.all) return e.all.every((w) => text.includes(w.toLowerCase()));
  return true;
}

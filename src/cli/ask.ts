import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { z } from 'zod';
import type { App } from '../app.js';
import { isUserError } from '../core/errors.js';
import { renderPlainText } from '../core/reply/render-plain-text.js';
import { answerReply } from '../core/reply/replies.js';
import { bootstrap } from './runtime.js';

const line = z.strictObject({ conversation: z.string().min(1), q: z.string().min(1), briefing: z.string().optional() });

export function askCommand(): Command {
  return new Command('ask')
    .description('Answer a question from the briefings. With --json, answer JSON lines from stdin.')
    .argument('[question...]', 'the question')
    .option('--json', 'read {"conversation","q","briefing"?} lines on stdin; print one JSON answer line each')
    .option('--briefing <id>', 'answer from this briefing only')
    .option('--database <path>', 'keep conversations in this database (default: in memory, for this run only)', ':memory:')
    .action(async (words: string[], opts: { json?: boolean; briefing?: string; database: string }) => {
      const { app } = await bootstrap({ database: opts.database, logLevel: 'warn' });
      try {
        if (opts.json) await answerJsonLines(app);
        else answerOnce(app, words.join(' '), opts.briefing);
      } finally {
        await app.close();
      }
    });
}

function answerOnce(app: App, question: string, briefing: string | undefined): void {
  if (!question.trim()) {
    process.stderr.write('briefbot ask: give a question, e.g. npm run ask -- "Why are US troops leaving Niger?"\n');
    process.exitCode = 2;
    return;
  }
  const conversation = app.core.newId();
  const answer = app.core.answers.answer(question, { conversation, ...(briefing ? { briefing } : {}) });
  const b = answer.briefing ? app.core.library.published(answer.briefing) : undefined;
  process.stdout.write(`${renderPlainText(answerReply(question, answer, b, conversation, 'private'))}\n`);
}

/** The tooling contract: exactly one JSON line out per line in, nothing else on stdout. */
async function answerJsonLines(app: App): Promise<void> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    process.stdout.write(`${JSON.stringify(answerLine(app, raw))}\n`);
  }
}

function answerLine(app: App, raw: string) {
  let input: z.output<typeof line>;
  try {
    input = line.parse(JSON.parse(raw));
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : 'not valid JSON';
    return {
      conversation: null,
      q: null,
      answered: false,
      text: `Invalid input line: ${message}`,
      briefing: null,
      citations: [],
      confidence: 0,
      error: 'invalid_input',
    };
  }
  const base = { conversation: input.conversation, q: input.q };
  try {
    const a = app.core.answers.answer(input.q, { conversation: input.conversation, ...(input.briefing ? { briefing: input.briefing } : {}) });
    return { ...base, answered: a.answered, text: a.text, briefing: a.briefing, citations: a.citations, confidence: a.confidence };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { ...base, answered: false, text: error.message, briefing: null, citations: [], confidence: 0, error: error.code };
  }
}

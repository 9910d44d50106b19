import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { z } from 'zod';
import { isUserError } from '../core/errors.js';
import type { CitationRef } from '../core/ports/storage.js';
import type { Bot } from '../main.js';

export function askCommand(): Command {
  return new Command('ask')
    .description('Answer a question from the briefings. With --json, answer JSON lines from stdin.')
    .argument('[question...]', 'the question')
    .option('--json', 'read {"conversation","q","briefing"?} lines on stdin; print one JSON answer line each')
    .option('--briefing <id>', 'answer from this briefing only')
    .option('--database <path>', 'keep conversations in this database (default: in memory, for this run only)', ':memory:')
    .action(async (words: string[], opts: { json?: boolean; briefing?: string; database: string }) => {
      const { composeBot, configure } = await import('../main.js');
      const { config, logger } = configure({ database: opts.database, logLevel: 'warn' });
      const bot = await composeBot(config, logger, { deliverers: [] });
      try {
        if (opts.json) await answerJsonLines(bot);
        else await answerOnce(bot, words.join(' '), opts.briefing);
      } finally {
        await bot.stop();
      }
    });
}

const line = z.strictObject({ conversation: z.string().min(1), q: z.string().min(1), briefing: z.string().optional() });

/** The operator at a terminal, as the console's caller. */
const CLI_CALLER = { platform: 'console', userId: 'cli', channelId: 'cli' } as const;

async function answerOnce(bot: Bot, question: string, briefing: string | undefined): Promise<void> {
  if (!question.trim()) {
    process.stderr.write('briefbot ask: give a question, e.g. npm run ask -- "Why are US troops leaving Niger?"\n');
    process.exitCode = 2;
    return;
  }
  const { renderPlainText } = await import('../core/reply/render-plain-text.js');
  const reply = await bot.core.run({ name: 'ask', args: { question, ...(briefing ? { briefing } : {}) } }, CLI_CALLER);
  if (reply.kind === 'error') {
    process.stderr.write(`briefbot: ${renderPlainText(reply)}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${renderPlainText(reply)}\n`);
}

/** The tooling contract: exactly one JSON line out per line in, nothing else on stdout. */
async function answerJsonLines(bot: Bot): Promise<void> {
  const answerLine = async (raw: string) => {
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
      const { answer: a } = await bot.services.conversations.ask(input.q, {
        conversation: input.conversation,
        platform: CLI_CALLER.platform,
        ...(input.briefing ? { briefing: input.briefing } : {}),
      });
      return { ...base, answered: a.answered, text: a.text, briefing: a.briefing, citations: citationStrings(a.citation), confidence: a.confidence };
    } catch (error) {
      if (!isUserError(error)) throw error;
      return { ...base, answered: false, text: error.message, briefing: null, citations: [], confidence: 0, error: error.code };
    }
  };
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    process.stdout.write(`${JSON.stringify(await answerLine(raw))}\n`);
  }
}

/** The documented output form of a citation: `["qa:<id>", "section:<id>"]` (just the section for a passage). */
function citationStrings(c: CitationRef | undefined): string[] {
  return c ? [...(c.qaId ? [`qa:${c.qaId}`] : []), `section:${c.sectionId}`] : [];
}

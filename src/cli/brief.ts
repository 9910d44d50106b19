import { Command, Option } from 'commander';
import { BRIEFING_LENGTHS, type BriefingLength } from '../core/briefing/briefing.js';
import { findBriefing } from '../core/commands/brief.command.js';
import { renderPlainText } from '../core/reply/render-plain-text.js';
import { briefingBlocks } from '../core/reply/replies.js';
import { bootstrap } from './runtime.js';

export function briefCommand(): Command {
  return new Command('brief')
    .description('Print a briefing (the latest, or by id or topic).')
    .argument('[id]', 'briefing id or topic words')
    .addOption(new Option('--length <length>', 'how much to show').choices(BRIEFING_LENGTHS).default('short'))
    .action(async (id: string | undefined, opts: { length: BriefingLength }) => {
      const { app } = await bootstrap({ database: ':memory:', logLevel: 'warn' });
      try {
        // Drafts are printable by exact id here, so editors can preview them.
        const briefing = (id && app.core.library.get(id)) || findBriefing(app.core.library, id);
        process.stdout.write(`${renderPlainText({ kind: 'briefing', blocks: briefingBlocks(briefing, opts.length), visibility: 'public' })}\n`);
      } finally {
        await app.close();
      }
    });
}

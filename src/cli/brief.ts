import { Command, Option } from 'commander';
import { BRIEFING_LENGTHS, type BriefingLength } from '../core/briefing/briefing.js';

export function briefCommand(): Command {
  return new Command('brief')
    .description('Print a briefing (the latest, or by id or topic).')
    .argument('[id]', 'briefing id or topic words')
    .addOption(new Option('--length <length>', 'how much to show').choices(BRIEFING_LENGTHS).default('short'))
    .action(async (id: string | undefined, opts: { length: BriefingLength }) => {
      const { composeBot, configure } = await import('../main.js');
      const { findBriefing } = await import('../core/commands/brief.command.js');
      const { briefingBlocks } = await import('../core/reply/replies.js');
      const { renderPlainText } = await import('../core/reply/render-plain-text.js');
      const { config, logger } = configure({ database: ':memory:', logLevel: 'warn' });
      const bot = await composeBot(config, logger, { deliverers: [] });
      try {
        const { library } = bot.services;
        // Drafts are printable by exact id here, so editors can preview them.
        const briefing = (id && library.get(id)) || findBriefing(library, id);
        process.stdout.write(`${renderPlainText({ kind: 'briefing', blocks: briefingBlocks(briefing, opts.length), visibility: 'public' })}\n`);
      } finally {
        await bot.stop();
      }
    });
}

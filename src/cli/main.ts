import { Command, Option } from 'commander';
import { isUserError } from '../core/errors.js';
import { askCommand } from './ask.js';
import { briefCommand } from './brief.js';
import { checkCommand } from './check.js';
import { discordCommand } from './discord.js';
import { evalCommand } from './eval.js';
import { reportCommand } from './report.js';
import { slackCommand } from './slack.js';
import { startCommand } from './start.js';

// Each command module declares its options here and imports what it runs only when it runs, so
// `check`, `brief` and `ask` never load discord.js or Bolt (and `--help` loads nothing at all).
const program = new Command('briefbot')
  .description('News briefings for Discord and Slack, and a local console.')
  .showHelpAfterError()
  .addCommand(startCommand())
  .addCommand(checkCommand())
  .addCommand(briefCommand())
  .addCommand(askCommand())
  .addCommand(evalCommand())
  .addCommand(reportCommand())
  .addCommand(discordCommand())
  .addCommand(slackCommand());

program.addOption(new Option('--version').hideHelp()).on('option:version', () => {
  console.log('briefbot 0.1.0');
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Configuration and input problems are the user's to fix: one clear message, no stack.
  if (isUserError(error)) {
    process.stderr.write(`briefbot: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

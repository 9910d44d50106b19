import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../app.js';
import type { Caller } from '../../core/commands/command.js';
import { runCommand } from '../../core/commands/run-command.js';
import { renderPlainText } from '../../core/reply/render-plain-text.js';

/**
 * The local console: chat commands as typed (`/brief`, `/ask …`), and a plain line is a follow-up
 * question in the same conversation. Runs until the input closes.
 */
export async function runConsole(app: App, input: Readable, output: Writable, options: { interactive?: boolean } = {}): Promise<void> {
  const rl = createInterface({ input, terminal: false });
  const caller: Caller = { platform: 'console', userId: 'console', channelId: 'console', canManage: true };
  const conversation = app.core.newId();
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => options.interactive && output.write('> ');

  if (options.interactive) {
    write('briefbot console: /brief, /ask <question>, /briefings, /help. A plain line asks a follow-up. Ctrl-D quits.');
  }
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line) {
      const [, name = '', text = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(line) ?? [null, 'ask', line];
      const reply = await runCommand(app.commands, { name: name.toLowerCase(), text }, { caller, core: app.core, conversation, commands: app.commands });
      write(renderPlainText(reply));
      write('');
    }
    prompt();
  }
}

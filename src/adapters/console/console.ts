import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BotCore } from '../../core/bot-core.js';
import type { Caller } from '../../core/commands/command.js';
import { renderPlainText } from '../../core/reply/render-plain-text.js';

/**
 * The local console: chat commands as typed (`/brief`, `/ask …`), and a plain line is a follow-up
 * question in the same conversation. Runs until the input closes.
 */
export async function runConsole(core: BotCore, input: Readable, output: Writable, options: { interactive?: boolean } = {}): Promise<void> {
  const rl = createInterface({ input, terminal: false });
  // The person at the console runs the bot, so they may manage its digests.
  const caller: Caller = { platform: 'console', userId: 'console', channelId: 'console', canManage: true };
  const conversation = randomUUID();
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => options.interactive && output.write('> ');

  if (options.interactive) {
    write('briefbot console: /brief, /ask <question>, /briefings, /help. A plain line asks a follow-up. Ctrl-D quits.');
  }
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line) {
      const command = /^\/(\S*)\s*([\s\S]*)$/.exec(line);
      const reply = command
        ? await core.run({ name: (command[1] ?? '').toLowerCase(), text: command[2] ?? '' }, caller, conversation)
        : await core.ask(caller, line, { conversation });
      write(renderPlainText(reply));
      write('');
    }
    prompt();
  }
}

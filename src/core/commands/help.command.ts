import type { Block } from '../reply/reply.js';
import type { CommandDefinition } from './command.js';

export const helpCommand: CommandDefinition = {
  name: 'help',
  description: 'What briefbot can do and how to ask.',
  usage: '',
  options: [],
  run(_args, ctx) {
    const lines = ctx.commands.flatMap((c) =>
      c.subcommands ? c.subcommands.map((s) => `/${c.name} ${s.name} — ${s.description}`) : [`/${c.name}${c.usage ? ` ${c.usage}` : ''} — ${c.description}`],
    );
    const blocks: Block[] = [
      { kind: 'heading', text: 'briefbot' },
      { kind: 'paragraph', text: 'Briefings of news articles, and answers taken from them with a citation. What a briefing does not cover, I say so.' },
      { kind: 'bullets', items: lines },
      { kind: 'note', text: 'After an answer, just keep asking: "how many of them?" continues the same conversation.' },
    ];
    return { kind: 'help', blocks, visibility: 'private' };
  },
};

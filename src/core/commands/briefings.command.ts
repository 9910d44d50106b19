import { briefingListReply } from '../reply/replies.js';
import type { CommandDefinition } from './command.js';

export const PAGE_SIZE = 5;

export const briefingsCommand: CommandDefinition = {
  name: 'briefings',
  description: 'List the published briefings, newest first, or search them.',
  usage: '[search words] [page:<n>]',
  options: [
    { name: 'search', description: 'Words from a title, tag or summary', type: 'string', maxLength: 100, rest: true },
    { name: 'page', description: 'Page number', type: 'integer', min: 1, max: 1000 },
  ],
  run(args, ctx) {
    const search = args.search as string | undefined;
    const found = search ? ctx.core.library.search(search, 1000) : ctx.core.library.list();
    return briefingListReply(found, (args.page as number | undefined) ?? 1, PAGE_SIZE, search);
  },
};

import type { Block, Reply } from './reply.js';

/** Reply → plain text: the console's rendering, and the notification fallback on Slack. */
export function renderPlainText(reply: Reply): string {
  const out: string[] = [];
  for (const block of reply.blocks) out.push(renderBlock(block));
  if (reply.suggestions && reply.suggestions.length > 0) {
    out.push(`You could also ask:\n${reply.suggestions.map((s) => `  • ${s}`).join('\n')}`);
  }
  if (reply.paging && reply.paging.pages > 1) out.push(`Page ${reply.paging.page} of ${reply.paging.pages}.`);
  return out.filter(Boolean).join('\n\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'='.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
      return block.text;
    case 'bullets':
      return block.items.map((i) => `  • ${i}`).join('\n');
    case 'qa':
      return `Q: ${block.question}\nA: ${block.answer}`;
    case 'citation': {
      const c = block.citation;
      return `Source: ${c.briefingTitle} › ${c.sectionTitle}${c.qaId ? ` (Q&A ${c.qaId})` : ''}\n${c.source.label}: ${c.source.url}`;
    }
    case 'links':
      return block.links.map((l) => `${l.label}: ${l.url}`).join('\n');
    case 'note':
      return `(${block.text})`;
    case 'divider':
      return '—'.repeat(20);
  }
}

import { decodeCustomId } from './custom-id.js';
import { ComponentType } from './discord-limits.js';
import { askFollowUp, FOLLOW_UP_INPUT } from './follow-up.js';
import type { InteractionResponder, RawInteraction, RawModalComponent } from './interaction.js';
import { type HandlerDeps, refuse } from './respond.js';

/** The follow-up modal is the only one briefbot opens; the question is validated by the core like any /ask. */
export async function handleModalSubmit(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const id = decodeCustomId(i.data?.custom_id);
  if (id?.kind !== 'modal') return refuse(deps, i, r, 'unknown modal custom_id', "That form isn't one of mine.");
  const value = findInput(i.data?.components ?? [], FOLLOW_UP_INPUT);
  return askFollowUp(deps, i, r, id.conversation, typeof value === 'string' ? value : '', id.public);
}

/** Inputs arrive nested in action rows or, in the newer layout, in label components; search both. */
function findInput(components: readonly RawModalComponent[], customId: string): string | undefined {
  for (const c of components) {
    if (c.type === ComponentType.TextInput && c.custom_id === customId) return c.value;
    const nested = findInput([...(c.components ?? []), ...(c.component ? [c.component] : [])], customId);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

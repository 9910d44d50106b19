import type { Writable } from 'node:stream';
import type { Deliverer, DeliveryResult, Destination } from '../../core/ports/deliverer.js';
import { renderPlainText } from '../../core/reply/render-plain-text.js';
import type { Reply } from '../../core/reply/reply.js';

/** Console mode: digests subscribed from the console are printed there, so they can be tried locally. */
export class ConsoleDeliverer implements Deliverer {
  readonly platform = 'console' as const;
  constructor(private readonly output: Writable) {}

  async deliver(_destination: Destination, reply: Reply, _key: string): Promise<DeliveryResult> {
    this.output.write(`\n${renderPlainText(reply)}\n\n`);
    return { ok: true };
  }
}

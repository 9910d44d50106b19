import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench [name]`: runs each benchmark module that exists (digests, answers). A module
 * exports `run()` (or `run<Name>Bench()`, or a default function); one that only runs on import is run by the import.
 */
const only = process.argv[2];
for (const name of ['digests', 'answers']) {
  if (only && only !== name) continue;
  const file = join(import.meta.dirname, `${name}.bench.ts`);
  if (!existsSync(file)) {
    console.error(`(bench ${name}: ${file} not found, skipped)`);
    continue;
  }
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const entry = [mod.run, mod[`run${name[0]?.toUpperCase()}${name.slice(1)}Bench`], mod.default].find((f) => typeof f === 'function') as
    | (() => Promise<void> | void)
    | undefined;
  if (entry) await entry();
}

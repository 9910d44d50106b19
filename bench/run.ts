/**
 * `npm run bench [answers|digests|language|store|http|briefing-load]`: runs the benchmarks in one process, each printing JSON lines.
 * Side-by-side numbers (ratios) are what to compare across machines; absolute times vary.
 */
import { run as answers } from './answers.bench.js';
import { run as briefingLoad } from './briefing-load.bench.js';
import { run as digests } from './digests.bench.js';
import { run as http } from './http-interactions.bench.js';
import { run as language } from './language.bench.js';
import { run as store } from './store.bench.js';

const benches: Record<string, () => Promise<void>> = { answers, digests, language, store, http, 'briefing-load': briefingLoad };
const only = process.argv[2];
if (only && !(only in benches)) {
  console.error(`unknown benchmark "${only}"; choose one of: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) if (!only || only === name) await bench();

// Entry point of the parser thread when the app runs from its TypeScript sources (bin/briefbot.js,
// bin/run-ts.js, vitest). Node 20 does not carry tsx into worker threads: neither the parent's
// `register()` nor an inherited `--import tsx` applies to a worker's entry file ("Unknown file
// extension .ts"). So this plain-JS entry registers tsx on its own thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');

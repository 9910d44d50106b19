// A stand-in for parse-worker.ts that misbehaves on cue, by file name: hang.md never answers,
// crash.md throws, exit.md exits. Every other file gets one "(fake)" problem back.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  if (request.file.endsWith('hang.md')) return;
  if (request.file.endsWith('crash.md')) throw new Error('crashed on cue');
  if (request.file.endsWith('exit.md')) process.exit(3);
  const problems = [{ file: request.file, field: '(fake)', message: 'parsed by the fake worker' }];
  parentPort.postMessage({ type: 'result', id: request.id, result: { file: request.file, problems } });
});
parentPort.postMessage({ type: 'ready' });

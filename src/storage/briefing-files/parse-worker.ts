/**
 * The parser thread: reads and parses the briefing files it is sent, one message at a time, and
 * posts back plain-data results (Dates survive the structured clone). Started by
 * `BriefingParseThread`; under tsx through `parse-worker-tsx.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/briefing/briefing-problem.js';
import { fileProblem } from './file-result.js';
import type { ParseReply, ParseRequest } from './parse-protocol.js';
import { readBriefingFile } from './read-briefing-file.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread');

port.on('message', async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { type: 'result', id: request.id, result: await readBriefingFile(request.path, request.file, request.maxBytes) };
  } catch (error) {
    reply = { type: 'result', id: request.id, result: fileProblem(request.file, `could not be parsed: ${errorMessage(error)}`) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies ParseReply);

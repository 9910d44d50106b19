#!/usr/bin/env node
// npm postinstall: builds the compact word-vector file the answer engine reads (once; a few seconds).
import { register } from 'tsx/esm/api';

register();
const { prepareWordVectors } = await import('../src/core/text/vectors.ts');
const started = Date.now();
const path = await prepareWordVectors();
console.error(`briefbot: word vectors ready at ${path} (${Date.now() - started} ms)`);

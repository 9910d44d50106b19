import { prepareWordVectors } from '../src/core/text/vectors.js';

/** Builds the word-vector file once before any test file runs, if `npm install` has not. */
export default async function setup(): Promise<void> {
  await prepareWordVectors();
}

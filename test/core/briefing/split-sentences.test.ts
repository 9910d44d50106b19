import { afterEach, describe, expect, it, vi } from 'vitest';
import { sentences } from '../../../src/core/briefing/briefing.js';
import { hasMoreSentencesThan, SENTENCE_WINDOW, splitSentences } from '../../../src/core/briefing/split-sentences.js';
import { oneParagraph, SEED_TEXT } from '../../helpers/hostile-briefings.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** What `sentences()` did before: the whole text through the segmenter in one go. */
const whole = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment.trim()).filter((s) => s.length > 0);

/** Deterministic random texts from pieces that exercise ICU's sentence rules. */
function* randomTexts(count: number): Generator<string> {
  const pieces = [
    'The U.S. Army',
    ' left',
    '.',
    ' ',
    '  ',
    '"Go."',
    ' he said',
    '?',
    '!',
    ' 123',
    ' 4.5',
    ' a',
    ' b.',
    ' Mr.',
    ' Smith',
    ' e.g.',
    ' (see above.)',
    ' $100m.',
    '\n',
    '\n\n',
    ' Niamey',
    '…',
    ' «Oui.»',
    ' 日本語。',
    'テスト。',
    '...',
    ' 2024.',
    ' lower case',
    ')',
    ' (',
    '"',
    "'",
    ' 1.',
    ' 2.',
    '\u2029',
    '\r\n',
    ' i.e.',
    '; ',
    ' A.',
    ' é',
    'Ж.',
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let k = 0; k < count; k++) {
    let text = '';
    const n = 5 + Math.floor(random() * 200);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(random() * pieces.length)];
    yield text;
  }
}

describe('sentences', () => {
  afterEach(() => vi.restoreAllMocks());

  it('splits exactly as segmenting the whole text does, whatever the window cuts through', () => {
    for (const text of [SEED_TEXT, ...SEED_TEXT.split(/\n\s*\n/), ...randomTexts(2000)]) {
      for (const window of [8, 23, 64, 1024]) expect(splitSentences(text, window)).toEqual(whole(text));
    }
  });

  it('never hands the segmenter a whole long paragraph (it slows down with every segment of one string)', () => {
    const paragraph = oneParagraph(38_000);
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const result = sentences(paragraph);
    expect(result).toHaveLength(38_000);
    expect(result[37_999]).toBe('Witness 37999 saw the boat.');
    const longest = Math.max(...segment.mock.calls.map(([text]) => text.length));
    expect(longest).toBeLessThanOrEqual(SENTENCE_WINDOW);
  });

  it('a paragraph with no sentence end, or only numbered ones, stays whole and linear', () => {
    expect(sentences('word '.repeat(100_000))).toHaveLength(1);
    expect(sentences(Array.from({ length: 20_000 }, (_, i) => `${i}.`).join(' '))).toHaveLength(20_000);
  });

  it('hasMoreSentencesThan stops reading once it knows', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    expect(hasMoreSentencesThan(oneParagraph(38_000), 2)).toBe(true);
    expect(segment).toHaveBeenCalledTimes(1);
    expect(hasMoreSentencesThan('One. Two.', 2)).toBe(false);
  });
});

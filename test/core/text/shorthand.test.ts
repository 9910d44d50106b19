import { describe, expect, it } from 'vitest';
import { expandShorthand } from '../../../src/core/text/spelling.js';

const expand = (s: string) => expandShorthand(s.split(' ')).join(' ');

describe('expandShorthand', () => {
  it.each([
    ['hw many ppl r there', 'how many people are there'],
    ['wat did u say abt ur plan', 'what did you say about your plan'],
    ['wut happened b4 2day', 'what happened before today'],
    ['wht is the govt doing tmrw', 'what is the government doing tomorrow'],
    ['left bc cuz coz', 'left because because because'],
    ['thx pls', 'thanks please'],
    ['w/ w/o', 'with without'],
    ['5 yr 10 yrs', '5 year 10 years'],
    ['2 mil 3 bn', '2 million 3 billion'],
    ['whos in charge whats next wheres it hows it going', 'who is in charge what is next where is it how is it going'],
    ['dont didnt isnt', 'do not did not is not'],
    ["didn't they're we'll", 'did not they are we will'],
    ["won't can't", 'will not can not'],
  ])('%s → %s', (input, output) => {
    expect(expand(input)).toBe(output);
  });

  it('reads "y" as "why" only as the first word', () => {
    expect(expand('y did they leave')).toBe('why did they leave');
    expect(expand('the x and y axes')).toBe('the x and y axes');
  });

  it('reads "k" as "thousand" after a number, or stuck to one', () => {
    expect(expand('10 k troops')).toBe('10 thousand troops');
    expect(expand('10k troops')).toBe('10 thousand troops');
    expect(expand('1.5k')).toBe('1.5 thousand');
    expect(expand('special k')).toBe('special k');
  });

  it('normalises typographic apostrophes and leaves other words alone', () => {
    expect(expand('didn’t')).toBe('did not');
    expect(expand('the soldiers went home')).toBe('the soldiers went home');
    expect(expandShorthand([])).toEqual([]);
  });
});

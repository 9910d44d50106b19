import { describe, expect, it } from 'vitest';
import { isNumberWord, parseQuantity } from '../../../src/core/text/numbers.js';

describe('parseQuantity', () => {
  it.each([
    ['1,000', 1000],
    ['60', 60],
    ['1.5', 1.5],
    ['2018', 2018],
    ['12', 12],
    ['twelve', 12],
    ['sixty', 60],
    ['sixty-five', 65],
    ['one thousand', 1000],
    ['two hundred and five', 205],
    ['one hundred thousand', 100_000],
    ['three million four hundred thousand', 3_400_000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['a million', 1e6],
    ['1.5 million', 1_500_000],
    ['1.1 billion', 1_100_000_000],
    ['10k', 10_000],
    ['zero', 0],
    ['ninety', 90],
  ])('%s → %d', (text, value) => {
    expect(parseQuantity(text)).toEqual({ value });
  });

  it('reads money and percentages', () => {
    expect(parseQuantity('$100 million')).toEqual({ value: 1e8, unit: 'money', currency: '$' });
    expect(parseQuantity('$100m')).toEqual({ value: 1e8, unit: 'money', currency: '$' });
    expect(parseQuantity('£5bn')).toEqual({ value: 5e9, unit: 'money', currency: '£' });
    expect(parseQuantity('US$2.5 billion')).toEqual({ value: 2.5e9, unit: 'money', currency: 'us$' });
    expect(parseQuantity('5 billion euros')).toEqual({ value: 5e9, unit: 'money', currency: 'euros' });
    expect(parseQuantity('20%')).toEqual({ value: 20, unit: 'percent' });
    expect(parseQuantity('20 per cent')).toEqual({ value: 20, unit: 'percent' });
    expect(parseQuantity('twenty percent')).toEqual({ value: 20, unit: 'percent' });
  });

  it('marks approximations and bounds', () => {
    expect(parseQuantity('nearly 1,000')).toEqual({ value: 1000, approximate: true });
    expect(parseQuantity('about 60')).toEqual({ value: 60, approximate: true });
    expect(parseQuantity('an estimated $3m')).toEqual({ value: 3e6, unit: 'money', currency: '$', approximate: true });
    expect(parseQuantity('more than 300')).toEqual({ value: 300, bound: 'above' });
    expect(parseQuantity('just over 300')).toEqual({ value: 300, bound: 'above' });
    expect(parseQuantity('fewer than ten')).toEqual({ value: 10, bound: 'below' });
    expect(parseQuantity('up to 5,000')).toEqual({ value: 5000, bound: 'below' });
  });

  it('is forgiving about case and spacing', () => {
    expect(parseQuantity('  One  Thousand ')).toEqual({ value: 1000 });
  });

  it.each(['3-0', '2020-21', '24/7', '1990s', 'first', '1,000 troops', 'five twenty', '5 6', 'troops', '', 'a', 'dozen', 'million', '20% dollars'])(
    'refuses %j',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});

describe('isNumberWord', () => {
  it('knows spelled-out number words, not scale abbreviations', () => {
    expect(['sixty', 'hundred', 'thousand', 'dozen', 'billion', 'zero'].every(isNumberWord)).toBe(true);
    expect(['m', 'bn', 'k', 'troops', 'first'].some(isNumberWord)).toBe(false);
  });
});

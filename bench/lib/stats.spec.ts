import { median, percentile, round } from './stats';

describe('stats', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates percentiles between ranks without reordering its input', () => {
    const values = [10, 40, 20, 30];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(40);
    expect(percentile(values, 50)).toBe(25);
    expect(percentile(values, 99)).toBeCloseTo(39.7);
    expect(values).toEqual([10, 40, 20, 30]);
  });

  it('refuses an empty list rather than inventing a number', () => {
    expect(() => median([])).toThrow('empty');
  });

  it('rounds to the given digits', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(0.80049, 3)).toBe(0.8);
  });
});

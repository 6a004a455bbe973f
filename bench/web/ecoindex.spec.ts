import { ecoGrade, ecoIndex, quantile } from './ecoindex';

describe('EcoIndex', () => {
  it('places a value inside its quantile, proportionally', () => {
    expect(quantile([0, 10, 20], 5)).toBeCloseTo(1.5);
    expect(quantile([0, 10, 20], 10)).toBeCloseTo(2);
    expect(quantile([0, 10, 20], 25)).toBe(3);
  });

  it('scores by the weighted quantiles (3 DOM, 2 requests, 1 size)', () => {
    // each value on its table's bound of index 2: Q = 3 everywhere, 100 − 5 × (9 + 6 + 3) / 6 = 85
    expect(ecoIndex({ dom: 75, requests: 15, kilobytes: 144.7 })).toBe(85);
    // past every last bound: Q = 21, the floor of the scale
    expect(ecoIndex({ dom: 600000, requests: 4000, kilobytes: 300000 })).toBe(-5);
    // an almost empty page: Q ≈ 1.21, 1.5 and 1.73; the 1-based quantiles never give 100
    expect(ecoIndex({ dom: 10, requests: 1, kilobytes: 1 })).toBe(93);
  });

  it('grades by the published floors', () => {
    expect([81, 80, 71, 56, 41, 26, 11, 10].map(ecoGrade)).toEqual(['A', 'B', 'B', 'C', 'D', 'E', 'F', 'G']);
  });
});

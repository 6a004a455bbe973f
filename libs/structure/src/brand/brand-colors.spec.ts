import { contrastFailures, contrastRatio, mergeColors } from './brand-colors';

const base = { primary: '#1d4ed8', secondary: '#0f766e', background: '#ffffff', text: '#111827' };

describe('brand colours', () => {
  it('measures contrast as WCAG defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.478, 3);
  });

  it('refuses a pair just under 4.5:1 that two-decimal rounding would let pass', () => {
    // #767676 on white is 4.54:1 (passes); #777777 is 4.48:1 (fails)
    expect(contrastFailures({ ...base, text: '#767676' })).toEqual([]);
    expect(contrastFailures({ ...base, text: '#777777' })).toEqual([
      { pair: ['text', 'background'], ratio: 4.47, required: 4.5 },
    ]);
  });

  it('merges partial changes, lower-cases them and names each failing pair with its ratio', () => {
    expect(mergeColors(base, { primary: ' #0B5CAD ' })).toEqual({ ...base, primary: '#0b5cad' });
    try {
      mergeColors(base, { background: '#111111' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toMatchObject({
        status: 422,
        type: 'validation-failed',
        errors: [
          { field: 'colors.text', message: 'text on background has a contrast of 1.06:1; at least 4.5:1 is needed' },
          {
            field: 'colors.primary',
            message: expect.stringMatching(/^primary on background has a contrast of 2\.\d\d:1/),
          },
        ],
      });
    }
  });

  it('refuses what is not a #rrggbb colour', () => {
    for (const value of ['red', '#fff', '#12345g', 'url(x)', 42]) {
      expect(() => mergeColors(base, { text: value as string })).toThrow(expect.objectContaining({ status: 422 }));
    }
  });
});

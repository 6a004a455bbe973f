import { contrastOf, normaliseHex, ratioText } from '../../apps/web/src/lib/contrast';

describe('brand colour contrast', () => {
  it('reads the hex colours an admin types, and nothing else', () => {
    expect(normaliseHex(' #1D4ED8 ')).toBe('#1d4ed8');
    expect(normaliseHex('abc')).toBe('#aabbcc');
    expect(normaliseHex('#12345')).toBeNull();
    expect(normaliseHex('red')).toBeNull();
  });

  it('passes at 4.5:1 and fails just below, as the api checks', () => {
    expect(contrastOf('#767676', '#ffffff')).toEqual({ ratio: 4.54, passes: true });
    expect(contrastOf('#777777', '#ffffff')).toEqual({ ratio: 4.47, passes: false });
    expect(contrastOf('#999999', 'nope')).toBeNull();
  });

  it('says the ratio with one decimal in the reader’s language, never rounded up across the threshold', () => {
    expect(ratioText(4.47, 'en')).toBe('4.4');
    expect(ratioText(4.5, 'fr')).toBe('4,5');
    expect(ratioText(21, 'en')).toBe('21');
  });
});

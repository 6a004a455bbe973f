import { displayNameProblem, normaliseDisplayName } from './display-name';

describe('display names', () => {
  it('are trimmed and NFC-normalised', () => {
    // "é" as e + combining acute (NFD) becomes the single code point U+00E9
    expect(normaliseDisplayName('  Ame\u0301lie Poulain \n')).toBe('Am\u00e9lie Poulain');
  });

  it.each([
    ['empty after trimming', '', 'must not be empty'],
    ['a NUL', 'Ada\u0000Lovelace', 'control'],
    ['a newline inside', 'Ada\nLovelace', 'control'],
    ['a C1 control', 'Ada\u0085', 'control'],
    ['a right-to-left override', 'Ada \u202Eecalevol', 'bidirectional'],
    ['a bidi isolate', '\u2067Ada', 'bidirectional'],
    ['a zero-width space', 'Ada\u200BLovelace', 'zero-width'],
    ['a zero-width joiner', 'Ada\u200DLovelace', 'zero-width'],
    ['a byte-order mark inside', 'Ada\uFEFFLovelace', 'zero-width'],
  ])('refuses %s', (_case, name, reason) => {
    expect(displayNameProblem(normaliseDisplayName(name))).toContain(reason);
  });

  it.each(['Ada Lovelace', 'Nolwenn Le Gall', 'محمد الأمين', '李小龙', 'Zoë O’Brien-Åström', 'Ada 🚀'])(
    'accepts %s',
    (name) => expect(displayNameProblem(normaliseDisplayName(name))).toBeNull(),
  );
});

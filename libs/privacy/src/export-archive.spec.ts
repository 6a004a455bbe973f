import { safeFileName } from './export-archive';
import { scrubAuditValue } from './personal-data';

describe('export archive helpers', () => {
  it('makes file names safe for any unzip tool, never a path', () => {
    expect(safeFileName('Compte rendu d’été.pdf')).toBe('Compte_rendu_d_ete.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('…')).toBe('file');
  });

  it('keeps ids, dates, numbers and codes of audit values, and leaves free text out', () => {
    const sut = scrubAuditValue({
      userId: '0190a0a0-0000-7000-8000-000000000000',
      role: 'animator',
      expiresAt: '2026-12-01T10:00:00.000Z',
      maxUses: 3,
      name: 'budget',
      reason: 'Rude to Alice',
      target: { type: 'post', id: '0190a0a0-0000-7000-8000-000000000001', note: 'x' },
    });
    expect(sut).toEqual({
      userId: '0190a0a0-0000-7000-8000-000000000000',
      role: 'animator',
      expiresAt: '2026-12-01T10:00:00.000Z',
      maxUses: 3,
      target: { type: 'post', id: '0190a0a0-0000-7000-8000-000000000001' },
    });
  });
});

import type { NotificationView } from '../notifications.repository';
import { composeEmail, escapeHtml } from './email-templates';

const item = (fields: Partial<NotificationView>): NotificationView => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00',
  kind: 'post',
  organisationId: null,
  sphereId: 'sphere-1',
  sphereName: 'Jardin',
  subjectType: 'post',
  subjectId: 'post-1',
  actorId: 'actor',
  actorName: 'Ana',
  excerpt: 'Bonjour',
  createdAt: new Date(),
  readAt: null,
  ...fields,
});

const input = (items: NotificationView[], locale = 'fr') => ({
  kind: 'daily' as const,
  recipient: { displayName: 'Zoé', locale },
  items,
  brand: { name: 'Quartier', colors: { primary: '#123456' } },
  publicUrl: 'https://example.org',
  unsubscribeUrl: (sphereId: string) => `https://example.org/api/v1/unsubscribe/t-${sphereId}`,
});

describe('e-mail templates', () => {
  it('escapes what members wrote', () => {
    const mail = composeEmail(input([item({ excerpt: '<script>x</script>', sphereName: 'A & "B"' })]));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; &quot;B&quot;');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('groups a digest per sphere, in the recipient language, with the brand', () => {
    const mail = composeEmail(
      input(
        [item({ sphereId: 's1', sphereName: 'Jardin' }), item({ sphereId: 's2', sphereName: 'Vélo', excerpt: null })],
        'en-GB',
      ),
    );
    expect(mail.subject).toBe('Quartier: 2 new items today');
    expect(mail.text).toContain('## Jardin');
    expect(mail.text).toContain('## Vélo');
    expect(mail.html).toContain('#123456');
    expect(mail.headers['List-Unsubscribe']).toBe('<https://example.org/api/v1/unsubscribe/t-s1>');
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('carries no unsubscribe header when no item is about a sphere, and ignores a colour that is not one', () => {
    const mail = composeEmail({
      ...input([item({ sphereId: null, sphereName: null, kind: 'charter_updated' })]),
      brand: { name: 'Q', colors: { primary: 'red;background:url(x)' } },
    });
    expect(mail.headers).toEqual({});
    expect(mail.html).not.toContain('url(x)');
    expect(mail.subject).toBe("Q : 1 nouveauté aujourd'hui");
  });
});

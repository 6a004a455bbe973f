import { endpointProblem, isPublicAddress } from './endpoint-policy';
import { pushMessage } from './push-message';

describe('endpointProblem', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc',
    'https://updates.push.services.mozilla.com/wpush/v2/xyz',
    'https://8.8.8.8/push',
  ])('accepts %s', (endpoint) => expect(endpointProblem(endpoint, false)).toBeNull());

  it.each([
    ['http://push.example.org/x', 'https'],
    ['ftp://push.example.org/x', 'https'],
    ['not a url', 'URL'],
    ['https://localhost/x', 'public host'],
    ['https://printer/x', 'public host'],
    ['https://nas.local/x', 'public host'],
    ['https://127.0.0.1/x', 'public address'],
    ['https://10.1.2.3/x', 'public address'],
    ['https://172.20.0.1/x', 'public address'],
    ['https://192.168.0.1/x', 'public address'],
    ['https://169.254.169.254/x', 'public address'],
    ['https://[::1]/x', 'public address'],
    ['https://[fd00::1]/x', 'public address'],
    ['https://[::ffff:10.0.0.1]/x', 'public address'],
    ['https://a:b@push.example.org/x', 'credentials'],
  ])('refuses %s', (endpoint, why) => expect(endpointProblem(endpoint, false)).toContain(why));

  it('accepts http://127.0.0.1 only where loopback is allowed, and no other loopback address', () => {
    expect(endpointProblem('http://127.0.0.1:4000/push/a', true)).toBeNull();
    expect(endpointProblem('http://127.0.0.1:4000/push/a', false)).not.toBeNull();
    expect(endpointProblem('http://127.0.0.2:4000/push/a', true)).not.toBeNull();
    expect(endpointProblem('http://localhost:4000/push/a', true)).not.toBeNull();
  });

  it('tells public addresses from the rest', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('100.64.0.1')).toBe(false);
    expect(isPublicAddress('fe80::1')).toBe(false);
    expect(isPublicAddress('example.org')).toBe(false);
    // IPv4-mapped IPv6: judged as the IPv4 address it maps
    expect(isPublicAddress('::ffff:93.184.216.34')).toBe(true);
    expect(isPublicAddress('::ffff:a00:1')).toBe(false);
    expect(isPublicAddress('::ffff:7f00:1')).toBe(false);
  });
});

describe('pushMessage', () => {
  const sphereId = '0190d6c0-0000-7000-8000-000000000001';

  it('names a sphere only when given its name, and links to its page', () => {
    expect(pushMessage({ kind: 'post', sphereId, sphereName: 'Quartier Nord', locale: 'en' })).toEqual({
      title: 'New post in Quartier Nord',
      url: `/spheres/${sphereId}`,
    });
    expect(pushMessage({ kind: 'post', sphereId, sphereName: null, locale: 'fr' })).toEqual({
      title: 'Nouvelle publication',
      url: `/spheres/${sphereId}`,
    });
  });

  it('sends moderation outcomes to their page and unsphered items home', () => {
    expect(pushMessage({ kind: 'moderation_outcome', sphereId, sphereName: 'X', locale: null }).url).toBe(
      '/me/outcomes',
    );
    expect(pushMessage({ kind: 'charter_updated', sphereId: null, sphereName: null, locale: 'en' })).toEqual({
      title: 'The charter changed',
      url: '/',
    });
  });
});

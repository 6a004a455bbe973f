import type { Service } from '../lib/processes';

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-long' };
export const MEMBER = { email: 'bench-reader@example.com', password: 'bench-reader-password-long' };

export interface SeededFeed {
  sphereId: string;
  sphereName: string;
  /** The posts as the api renders them, newest first: the reference page shows the same. */
  posts: { author: string; html: string; createdAt: string }[];
}

async function call<T>(api: Service, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const PARAGRAPHS = [
  'The **general assembly** takes place on Saturday at 10:00 in the main hall. Bring your membership card.',
  'We still need three volunteers for the food bank on Wednesday afternoon: reply here if you can help.',
  'Minutes of the regional meeting are online. Next steps: budget review, new premises, training days.',
  'Reminder: the *newsletter* deadline is Friday. Send your articles and photos to the editorial team.',
];

/** One organisation, one public sphere, a reader, and a first page of 20 posts with comments and reactions. */
export async function seedFeed(api: Service, posts = 20): Promise<SeededFeed> {
  const admin = await call<{ accessToken: string; user: { id: string } }>(
    api,
    'POST',
    '/auth/login',
    null,
    BENCH_ADMIN,
  );
  const org = await call<{ id: string }>(api, 'POST', '/organisations', admin.accessToken, {
    name: 'Réseau des associations',
    slug: 'reseau-bench',
  });
  const sphere = await call<{ id: string; name: string }>(
    api,
    'POST',
    `/organisations/${org.id}/spheres`,
    admin.accessToken,
    {
      name: 'Lyon',
      kind: 'territorial',
      visibility: 'public',
    },
  );
  const reader = await call<{ user: { id: string }; accessToken: string }>(api, 'POST', '/auth/register', null, {
    ...MEMBER,
    displayName: 'Camille Reader',
  });
  for (const user of [reader.user.id, admin.user.id]) {
    await call(api, 'PUT', `/spheres/${sphere.id}/members/${user}`, admin.accessToken, { role: 'member' });
  }
  for (let i = 0; i < posts; i++) {
    const body = `${PARAGRAPHS[i % PARAGRAPHS.length]}\n\nPost ${i + 1} of the week.`;
    const post = await call<{ id: string }>(api, 'POST', `/spheres/${sphere.id}/posts`, reader.accessToken, { body });
    if (i % 3 === 0) await call(api, 'PUT', `/posts/${post.id}/reactions/like`, admin.accessToken);
    if (i % 4 === 0) await call(api, 'POST', `/posts/${post.id}/comments`, admin.accessToken, { body: 'Thank you!' });
  }
  const page = await call<{ items: { author: { displayName: string }; html: string; createdAt: string }[] }>(
    api,
    'GET',
    `/spheres/${sphere.id}/posts`,
    reader.accessToken,
  );
  return {
    sphereId: sphere.id,
    sphereName: sphere.name,
    posts: page.items.map((item) => ({ author: item.author.displayName, html: item.html, createdAt: item.createdAt })),
  };
}

/** A fresh login of the reader: the client starts from its refresh token, as after a reload. */
export async function readerRefreshToken(api: Service): Promise<string> {
  return (await call<{ refreshToken: string }>(api, 'POST', '/auth/login', null, MEMBER)).refreshToken;
}

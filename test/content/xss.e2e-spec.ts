import { Parser } from 'htmlparser2';
import { as } from '../factories/structure';
import { createPost, postAs, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

// Classic payloads (OWASP XSS filter evasion cheat sheet and friends), typed as a member would.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="&#97;lert(1)">',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](https://evil.example/x.png" onerror="alert(1))',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1)  )',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](&#x6A;&#x61;vascript&#x3A;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](file:///etc/passwd)',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="&#x6A;avascript:alert(1)">click</a>',
  '<a href="https://ok.example" onclick="alert(1)">click</a>',
  '[click](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  'https://ok.example/?q="><script>alert(1)</script>',
  '<div onmouseover="alert(1)">hover</div>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<math><maction xlink:href="javascript:alert(1)">x</maction></math>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
];

const FORBIDDEN_TAGS = ['script', 'iframe', 'svg', 'img', 'object', 'embed', 'form', 'style', 'math', 'meta', 'base'];

interface Element {
  tag: string;
  attributes: Record<string, string>;
}

/** Every element of the HTML as a browser's parser would see it (entities decoded). */
function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const parser = new Parser(
    { onopentag: (tag, attributes) => found.push({ tag, attributes }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** The scheme a browser would find in a URL: it drops whitespace and control characters first. */
function schemeOf(url: string): string | null {
  const kept = [...url].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const match = /^([^/?#]*):/.exec(kept);
  return match ? match[1].toLowerCase() : null;
}

function expectSafe(html: string): void {
  for (const { tag, attributes } of elementsOf(html)) {
    expect(FORBIDDEN_TAGS).not.toContain(tag);
    for (const [name, value] of Object.entries(attributes)) {
      expect(name).not.toMatch(/^on|^style$|^srcdoc$|^action$|^formaction$|^xlink:/);
      if (name === 'href' || name === 'src') {
        const scheme = schemeOf(value);
        if (scheme !== null) expect(['http', 'https', 'mailto']).toContain(scheme);
      }
    }
    if (tag === 'a') {
      expect(attributes.rel?.split(' ')).toEqual(expect.arrayContaining(['nofollow', 'noopener']));
    }
  }
}

describe('post bodies cannot carry script', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const storedHtml = async (id: string) =>
    ((await t.db.query(`SELECT html FROM posts WHERE id = $1`, [id])) as { html: string }[])[0].html;

  it.each(PAYLOADS)('renders %j without active markup, as answered, stored and read', async (payload) => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const created = await postAs(t, member, sphere.id, { body: payload }).expect(201);
    // the member's words are kept as typed; only the HTML is made safe
    expect(created.body.body).toBe(payload);
    const read = await t.http.get(`/api/v1/posts/${created.body.id}`).set(as(other)).expect(200);
    const stored = await storedHtml(created.body.id);
    expect(read.body.html).toBe(stored);
    for (const html of [created.body.html, stored, read.body.html]) expectSafe(html);
  });

  it('keeps safe links, marked nofollow noopener, and shows raw HTML as text', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(
      t,
      member,
      sphere.id,
      '<a href="https://ok.example" onclick="alert(1)">raw</a> [ok](https://ok.example/a) <mailto:team@example.org>',
    );
    const links = elementsOf(post.html).filter((e) => e.tag === 'a');
    // the raw tag's URL is linkified as text; its onclick stays text beside it
    expect(links.map((a) => a.attributes.href)).toEqual([
      'https://ok.example',
      'https://ok.example/a',
      'mailto:team@example.org',
    ]);
    for (const link of links)
      expect(link.attributes).toEqual({
        href: link.attributes.href,
        rel: 'nofollow noopener noreferrer',
        target: '_blank',
      });
    expect(post.html).toContain('&lt;a href=');
    expect(post.html).toContain('" onclick="alert(1)"&gt;raw&lt;/a&gt;');
  });

  it('makes an edited body just as safe, in the answer and in the sphere feed', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Harmless');
    const body = PAYLOADS.join('\n\n');
    const edited = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body }).expect(200);
    expect(edited.body.body).toBe(body);
    const feed = await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200);
    expect(feed.body.items[0].id).toBe(post.id);
    for (const html of [edited.body.html, feed.body.items[0].html, await storedHtml(post.id)]) expectSafe(html);
  });
});

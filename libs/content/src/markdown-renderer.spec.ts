import { Parser } from 'htmlparser2';
import { MarkdownRenderer } from './markdown-renderer';

// Classic payloads (OWASP XSS filter evasion cheat sheet and friends), as a member would type them.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/x.png" onerror="alert(1))',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<body onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<<script>script>alert(1)<</script>/script>',
  '`<script>alert(1)</script>`',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<object data="javascript:alert(1)"></object>',
];

const SAFE_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'del',
  's',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'hr',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Every element and attribute of the rendered HTML, as a browser's parser would see them. */
function markupOf(html: string): { tag: string; attributes: Record<string, string> }[] {
  const found: { tag: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser(
    { onopentag: (tag, attributes) => found.push({ tag, attributes }) },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe('MarkdownRenderer', () => {
  const sut = new MarkdownRenderer();

  it('renders Markdown to HTML', () => {
    expect(sut.render('**Bonjour** _à tous_\n\n- un\n- deux')).toBe(
      '<p><strong>Bonjour</strong> <em>à tous</em></p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n',
    );
  });

  it('marks links nofollow noopener and opens them apart', () => {
    expect(sut.render('[ACAT](https://acat.example/agir)')).toBe(
      '<p><a href="https://acat.example/agir" rel="nofollow noopener noreferrer" target="_blank">ACAT</a></p>\n',
    );
    expect(sut.render('see https://acat.example')).toContain('rel="nofollow noopener noreferrer"');
  });

  it.each(PAYLOADS)('never lets %s through as markup', (payload) => {
    for (const { tag, attributes } of markupOf(sut.render(payload))) {
      expect(SAFE_TAGS).toContain(tag);
      for (const [name, value] of Object.entries(attributes)) {
        expect(name).not.toMatch(/^on|^style$|^src$|^xlink/i);
        if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/i);
      }
    }
  });

  it('shows raw HTML as text rather than dropping what the member wrote', () => {
    expect(sut.render('<b>bold?</b>')).toBe('<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n');
  });

  it('moves headings under the page headings', () => {
    expect(sut.render('# Title')).toBe('<h3>Title</h3>\n');
  });
});

import { Injectable } from '@nestjs/common';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export const MAX_POST_LENGTH = 20_000;

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr'].concat(
    ['h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ),
  // rel and target are set by transformTags below, whatever the input said
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // a post's headings sit under the page's own h1 and h2
    h1: 'h3',
    h2: 'h4',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener noreferrer', target: '_blank' },
    }),
  },
};

/**
 * Post bodies are Markdown, rendered once on the server to HTML that is safe to serve as is.
 * Two layers, both well-kept libraries: markdown-it with raw HTML off (it escapes `<tags>`), then
 * sanitize-html with an allow-list, so nothing markdown-it lets through (a `javascript:` link, an
 * event handler) survives either. Links leave with rel="nofollow noopener noreferrer".
 */
@Injectable()
export class MarkdownRenderer {
  private readonly markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

  render(body: string): string {
    return sanitizeHtml(this.markdown.render(body), POLICY);
  }
}

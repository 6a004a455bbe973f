/**
 * A light preview of the Markdown a post will show (paragraphs, line breaks, **bold**, *italic*,
 * `code`), escaped first. The api renders the real HTML (markdown-it + sanitize-html); this keeps
 * the client small (no Markdown library in the bundle).
 */
export function previewHtml(markdown: string): string {
  const escaped = markdown.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped
    .split(/\n{2,}/)
    .map((block) =>
      block
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\*([^*]+)\*/g, '<em>$1</em>')
        .replace(/\n/g, '<br>'),
    )
    .filter((block) => block.trim() !== '')
    .map((block) => `<p>${block}</p>`)
    .join('');
}

import { readdirSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { SeededFeed } from './seed';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The reference: the same feed as a plain server-rendered page (no script, no api call), with the
 * client's own stylesheet, brotli-compressed like the app's assets. What the content itself costs.
 */
export function referencePage(feed: SeededFeed, webDir: string): { html: string; css: string } {
  const assets = join(webDir, '_app', 'immutable', 'assets');
  const cssFile = readdirSync(assets).find((name) => name.endsWith('.css'));
  const css = cssFile ? readFileSync(join(assets, cssFile), 'utf8') : '';
  const articles = feed.posts
    .map(
      (post) =>
        `<article class="post"><p class="hint">by ${escape(post.author)} · <time>${post.createdAt}</time></p>` +
        `<div>${post.html}</div></article>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escape(feed.sphereName)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/style.css"></head>` +
    `<body><header><a class="brand" href="/">Alveole</a></header><main><h1>${escape(feed.sphereName)}</h1>` +
    `<section><h2>Feed</h2>${articles}</section></main></body></html>`;
  return { html, css };
}

export async function serveReference(page: { html: string; css: string }): Promise<{ url: string; server: Server }> {
  const files: Record<string, [string, Buffer]> = {
    '/': ['text/html; charset=utf-8', brotliCompressSync(page.html)],
    '/style.css': ['text/css', brotliCompressSync(page.css)],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response
      .writeHead(200, { 'content-type': file[0], 'content-encoding': 'br', 'cache-control': 'public, max-age=3600' })
      .end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

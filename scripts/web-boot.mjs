// After `vite build`: moves SvelteKit's inline bootstrap script out of dist/web/index.html into a
// hashed file, so the api's CSP (`script-src 'self'`, no inline script) lets the client start.
// A classic script (not a module): the bootstrap reads document.currentScript.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const indexFile = join(web, 'index.html');
const html = readFileSync(indexFile, 'utf8');
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) throw new Error(`expected one inline script in ${indexFile}, found ${inline.length}`);
const [tag, code] = inline[0];
const name = `_app/immutable/boot.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
writeFileSync(join(web, name), code.trim() + '\n');
writeFileSync(indexFile, html.replace(tag, `<script src="/${name}"></script>`));
console.log(`bootstrap script moved to dist/web/${name}`);

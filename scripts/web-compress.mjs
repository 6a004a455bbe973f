// After `vite build` and web-boot.mjs: writes a brotli (.br) and a gzip (.gz) copy next to every
// text asset of dist/web, once, at build time; the api serves them to browsers that accept them
// (@fastify/static `preCompressed`), so no request pays for compressing. index.html is left out:
// the api writes the brand into it on each request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const TEXT = /\.(js|mjs|css|svg|json|webmanifest|txt)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(web)) {
  const content = readFileSync(path);
  const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  before += content.length;
  after += brotli.length;
}
console.log(`compressed dist/web: ${(before / 1024).toFixed(1)} KB → ${(after / 1024).toFixed(1)} KB with brotli`);

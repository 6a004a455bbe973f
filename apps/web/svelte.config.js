// SvelteKit in SPA mode: adapter-static writes the client to dist/web with an index.html fallback
// that the api serves for every client route (apps/api/src/http/web-client.ts).
import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ pages: '../../dist/web', assets: '../../dist/web', fallback: 'index.html', strict: false }),
    // absolute asset paths: the fallback page is served at any depth (/spheres/…)
    paths: { relative: false },
    // one JS bundle: fewer requests on slow connections (STACK-NOTES: 9 requests instead of 20)
    output: { bundleStrategy: 'single' },
    alias: { $messages: 'src/lib/paraglide/messages.js' },
  },
};

import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = process.env.ALVEOLE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // the user's choice (kept in localStorage) first, else the browser's language, else English
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  // the server build only renders the fallback page at build time: bundle its dependencies, so
  // SvelteKit's `cookie` 0.6 is used, not the api's hoisted cookie 2 (another API)
  ssr: { noExternal: true },
  // development: `npm run start:dev` serves the api on :3000, `npm run web:dev` this client on :5173
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});

// A single-page app: no server rendering, no prerendered routes (the api serves the fallback page).
export const ssr = false;
export const prerender = false;

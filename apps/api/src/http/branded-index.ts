import type { PublicBrand } from '@alveole/structure';

const COLOR = /^#[0-9a-f]{3,8}$/i;
const DEFAULT_COLORS: PublicBrand['colors'] = {
  primary: '#1f5fa8',
  secondary: '#2d7d46',
  background: '#ffffff',
  text: '#1a1a1a',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The client's index.html with the instance's brand in it: the title, its colours as CSS custom
 * properties in the head (applied before the first paint, no request and no flash of the default
 * colours), and the brand itself in a meta element so the client renders its header at once. A
 * colour that is not a hex colour is replaced by the default: nothing stored reaches the page raw.
 */
export function brandedIndex(html: string, brand: PublicBrand): string {
  const color = (key: keyof PublicBrand['colors']) =>
    COLOR.test(brand.colors?.[key] ?? '') ? brand.colors[key] : DEFAULT_COLORS[key];
  const style =
    `<style>:root{--brand-primary:${color('primary')};--brand-secondary:${color('secondary')};` +
    `--brand-background:${color('background')};--brand-text:${color('text')}}</style>`;
  // all the client shows before it asks anything (the charter, long, comes with GET /instance when needed)
  const { charter: _charter, ...rest } = brand;
  const data = {
    ...rest,
    colors: {
      primary: color('primary'),
      secondary: color('secondary'),
      background: color('background'),
      text: color('text'),
    },
  };
  const meta = `<meta name="alveole-brand" content="${escapeHtml(JSON.stringify(data))}">`;
  const branded = html.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(brand.name)}</title>${style}${meta}`);
  if (!brand.faviconUrl) return branded;
  const touchIcon = brand.iconUrls?.['180'];
  return branded.replace(
    /<link rel="icon" href="[^"]*"\s*\/?>/,
    `<link rel="icon" type="image/png" href="${escapeHtml(brand.faviconUrl)}">` +
      (touchIcon ? `<link rel="apple-touch-icon" href="${escapeHtml(touchIcon)}">` : ''),
  );
}

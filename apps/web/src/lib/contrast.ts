import { colord, extend, type Plugin } from 'colord';
import a11yPlugin from 'colord/plugins/a11y';

// the cast: the unit test compiles this file as CommonJS, where the plugin's default export is typed as the module
extend([a11yPlugin as unknown as Plugin]);

/** WCAG 2.x AA for normal text: the api refuses a brand below it (API contract, "Colour checks"). */
export const REQUIRED_RATIO = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

/** `#rrggbb` in lower case from what was typed (`#ABC`, `abc`, ` #AbCdEf `), or null when it is no hex colour. */
export function normaliseHex(typed: string): string | null {
  let hex = typed.trim().toLowerCase();
  if (!hex.startsWith('#')) hex = `#${hex}`;
  if (/^#[0-9a-f]{3}$/.test(hex)) hex = `#${[...hex.slice(1)].map((c) => c + c).join('')}`;
  return HEX.test(hex) ? hex : null;
}

export interface Contrast {
  /** floored to two decimals, as colord (and the api) compute it */
  ratio: number;
  passes: boolean;
}

/** The contrast of a foreground colour on a background, or null while either is no colour. */
export function contrastOf(foreground: string, background: string): Contrast | null {
  const fg = normaliseHex(foreground);
  const bg = normaliseHex(background);
  if (!fg || !bg) return null;
  const ratio = colord(fg).contrast(bg);
  return { ratio, passes: ratio >= REQUIRED_RATIO };
}

/** "4.8" (en) or "4,8" (fr): one decimal is what a reader compares; floored, never rounded up across the threshold. */
export function ratioText(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10);
}

import { HttpStatus } from '@nestjs/common';
import { colord } from 'colord';
import { AppException, FieldError } from '@alveole/core';
import { BrandColors, COLOR_NAMES } from './brand.model';

/** WCAG 2.x AA for normal text. */
export const MIN_CONTRAST = 4.5;
/** The pairs a page draws one on the other: body text, and links and buttons on the page. */
const PAIRS: [keyof BrandColors, keyof BrandColors][] = [
  ['text', 'background'],
  ['primary', 'background'],
];
const HEX = /^#[0-9a-f]{6}$/;

export interface ContrastFailure {
  pair: [keyof BrandColors, keyof BrandColors];
  ratio: number;
  required: number;
}

/** WCAG 2.x relative luminance, unrounded (colord's a11y plugin rounds to two decimals, which could pass 4.496:1). */
function luminance(hex: string): number {
  const { r, g, b } = colord(hex).toRgb();
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The pairs under AA, each ratio rounded down to two decimals (never shown as 4.50 when it is 4.497). */
export function contrastFailures(colors: BrandColors): ContrastFailure[] {
  return PAIRS.flatMap(([front, back]) => {
    const ratio = contrastRatio(colors[front], colors[back]);
    return ratio < MIN_CONTRAST
      ? [{ pair: [front, back], ratio: Math.floor(ratio * 100) / 100, required: MIN_CONTRAST }]
      : [];
  });
}

/**
 * The stored colours with the changes applied, or a 422 naming each failing field: not `#rrggbb`, or a pair
 * under AA contrast (with its ratio, also as the `contrast` extension for clients that show it by the field).
 */
export function mergeColors(current: BrandColors, changes: Partial<BrandColors> | undefined): BrandColors {
  const merged = { ...current };
  const invalid: FieldError[] = [];
  for (const name of COLOR_NAMES) {
    const value = changes?.[name];
    if (value === undefined) continue;
    const normalised = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (!HEX.test(normalised))
      invalid.push({ field: `colors.${name}`, message: `colors.${name} must be a #rrggbb colour` });
    else merged[name] = normalised;
  }
  if (invalid.length > 0) throw AppException.validation(invalid);
  const failures = contrastFailures(merged);
  if (failures.length > 0) {
    throw new AppException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'validation-failed',
      'The colours do not reach the contrast people need to read them (WCAG 2.x AA, 4.5:1)',
      failures.map(({ pair: [front, back], ratio }) => ({
        field: `colors.${front}`,
        message: `${front} on ${back} has a contrast of ${ratio.toFixed(2)}:1; at least ${MIN_CONTRAST}:1 is needed`,
      })),
      undefined,
      { contrast: failures },
    );
  }
  return merged;
}

import { api } from './api/client';
import type { components } from './api/schema';

type PublicBrand = components['schemas']['InstanceBrandResponse'];
/** What the pages show of the brand; `id` null until known (the development server without a meta element). */
export type Brand = Pick<
  PublicBrand,
  'name' | 'shortName' | 'logoUrl' | 'welcomeText' | 'legal' | 'registration' | 'poweredBy'
> & {
  id: string | null;
};
type Colors = PublicBrand['colors'];

const FALLBACK: Brand = {
  id: null,
  name: 'Alveole',
  shortName: 'Alveole',
  logoUrl: null,
  welcomeText: '',
  legal: { termsUrl: null, privacyUrl: null, contactUrl: null },
  registration: 'open',
  poweredBy: true,
};

/**
 * The brand of the host this page was served on. The api writes it into index.html (title, colours
 * as CSS custom properties, and this meta element), so the first paint is already branded; only the
 * development server (vite, no api in front of the page) asks GET /instance.
 */
export const brand = $state<Brand>(fromPage() ?? { ...FALLBACK });

/** What is known of the brand (a field the api does not write yet keeps its fallback). */
function pick(source: Partial<Brand>): Brand {
  const picked = { ...FALLBACK };
  for (const key of Object.keys(FALLBACK) as (keyof Brand)[]) {
    if (source[key] !== undefined) Object.assign(picked, { [key]: source[key] });
  }
  return picked;
}

function fromPage(): Brand | undefined {
  const content = document.querySelector('meta[name="alveole-brand"]')?.getAttribute('content');
  if (!content) return undefined;
  try {
    return pick(JSON.parse(content) as Partial<Brand>);
  } catch {
    return undefined;
  }
}

export async function loadBrand(): Promise<void> {
  if (fromPage()) return;
  const { data } = await api.GET('/api/v1/instance');
  if (data) showBrand(data);
}

/**
 * Shows a brand on this page: at start-up in development, and when an admin saves the brand this
 * page was served with (the others are for other hosts).
 */
export function showBrand(next: Partial<Brand> & { colors: Colors }): void {
  if (brand.id !== null && next.id !== brand.id) return;
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries(next.colors)) style.setProperty(`--brand-${name}`, value);
  Object.assign(brand, pick(next));
}

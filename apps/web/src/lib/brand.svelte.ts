import { api } from './api/client';

export interface Brand {
  name: string;
  logoUrl: string | null;
}

/**
 * The instance's brand. The api writes it into index.html (title, colours as CSS custom
 * properties, and this meta element), so the first paint is already branded; only the development
 * server (vite, no api in front of the page) asks GET /instance.
 */
export const brand = $state<Brand>(fromPage() ?? { name: 'Alveole', logoUrl: null });

function fromPage(): Brand | undefined {
  const content = document.querySelector('meta[name="alveole-brand"]')?.getAttribute('content');
  if (!content) return undefined;
  try {
    const { name, logoUrl } = JSON.parse(content) as Brand;
    return { name, logoUrl };
  } catch {
    return undefined;
  }
}

export async function loadBrand(): Promise<void> {
  if (fromPage()) return;
  const { data } = await api.GET('/api/v1/instance');
  if (!data) return;
  const style = document.documentElement.style;
  style.setProperty('--brand-primary', data.colors.primary);
  style.setProperty('--brand-secondary', data.colors.secondary);
  style.setProperty('--brand-background', data.colors.background);
  style.setProperty('--brand-text', data.colors.text);
  brand.name = data.name;
  brand.logoUrl = data.logoUrl;
}

import { api } from './api/client';

/** The instance's brand (GET /instance) as CSS custom properties on the root element. */
export async function applyBrand(): Promise<string> {
  const { data } = await api.GET('/api/v1/instance');
  if (!data) return 'Alveole';
  const style = document.documentElement.style;
  style.setProperty('--brand-primary', data.colors.primary);
  style.setProperty('--brand-secondary', data.colors.secondary);
  style.setProperty('--brand-background', data.colors.background);
  style.setProperty('--brand-text', data.colors.text);
  return data.name;
}

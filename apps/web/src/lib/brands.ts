import { api, problemOf, type Problem } from './api/client';
import type { components } from './api/schema';

export type BrandSettings = components['schemas']['BrandSettingsResponse'];
export type BrandColors = BrandSettings['colors'];
export type ColorName = keyof BrandColors;
export type Legal = BrandSettings['legal'];
export type BrandImage = 'logo' | 'favicon';

/** What the editor changes: every editable field, as the form holds it. */
export type BrandDraft = Omit<BrandSettings, 'id' | 'logoUrl' | 'faviconUrl' | 'iconUrls' | 'isDefault' | 'updatedAt'>;

export const COLOR_NAMES: ColorName[] = ['primary', 'secondary', 'background', 'text'];
export const LEGAL_LINKS: (keyof Legal)[] = ['termsUrl', 'privacyUrl', 'contactUrl'];

export function draftOf(brand: BrandSettings): BrandDraft {
  return {
    name: brand.name,
    shortName: brand.shortName,
    colors: { ...brand.colors },
    defaultLocale: brand.defaultLocale,
    welcomeText: brand.welcomeText,
    charter: brand.charter,
    legal: { ...brand.legal },
    registration: brand.registration,
    poweredBy: brand.poweredBy,
    hosts: [...brand.hosts],
    organisationId: brand.organisationId,
    emailSender: { ...brand.emailSender },
  };
}

/** Empty optional texts are sent as null (the api wants a https URL or null, an address or null). */
const orNull = (text: string | null) => (text?.trim() ? text.trim() : null);

export const legalOf = (draft: BrandDraft) =>
  Object.fromEntries(LEGAL_LINKS.map((key) => [key, orNull(draft.legal[key])])) as Legal;

/** The PATCH body: the whole draft (a default brand has no hosts nor organisation). */
export function patchOf(draft: BrandDraft, isDefault: boolean) {
  return {
    name: draft.name.trim(),
    shortName: draft.shortName.trim(),
    colors: draft.colors,
    defaultLocale: draft.defaultLocale,
    welcomeText: draft.welcomeText,
    charter: draft.charter,
    legal: legalOf(draft),
    registration: draft.registration,
    poweredBy: draft.poweredBy,
    emailSender: { name: orNull(draft.emailSender.name), address: orNull(draft.emailSender.address) },
    ...(isDefault ? {} : { hosts: draft.hosts, organisationId: draft.organisationId }),
  };
}

/** Host names typed one per line (or separated by spaces or commas), lower case, without duplicates. */
export function hostsOf(typed: string): string[] {
  return [
    ...new Set(
      typed
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
}

export type Result<T> = { data: T; problem?: undefined } | { data?: undefined; problem: Problem | undefined };

/** The answer of a call: its data, or the problem (one made up from the status when the body is none). */
async function result<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Result<T>> {
  const { data, error, response } = await pending;
  if (response.ok) return { data: data as T };
  return { problem: problemOf(error) ?? { type: 'about:blank', title: '', status: response.status, detail: '' } };
}

export async function listBrands(): Promise<Result<BrandSettings[]>> {
  const listed = await result(api.GET('/api/v1/instance/brands'));
  return listed.data ? { data: listed.data.items } : listed;
}

export const createBrand = (body: components['schemas']['CreateBrandDto']) =>
  result(api.POST('/api/v1/instance/brands', { body }));

export const updateBrand = (id: string, body: components['schemas']['UpdateBrandDto']) =>
  result(api.PATCH('/api/v1/instance/brands/{id}', { params: { path: { id } }, body }));

export const deleteBrand = (id: string) =>
  result(api.DELETE('/api/v1/instance/brands/{id}', { params: { path: { id } } }));

export function uploadImage(id: string, image: BrandImage, file: File) {
  const form = new FormData();
  form.append('file', file);
  const init = {
    params: { path: { id } },
    body: { file: '' }, // the typed shape; the form below is what is sent
    bodySerializer: () => form, // the browser sets the multipart boundary
  };
  return result(
    image === 'logo'
      ? api.PUT('/api/v1/instance/brands/{id}/logo', init)
      : api.PUT('/api/v1/instance/brands/{id}/favicon', init),
  );
}

export function removeImage(id: string, image: BrandImage) {
  const init = { params: { path: { id } } };
  return result(
    image === 'logo'
      ? api.DELETE('/api/v1/instance/brands/{id}/logo', init)
      : api.DELETE('/api/v1/instance/brands/{id}/favicon', init),
  );
}

export const emailPreview = (body: components['schemas']['EmailPreviewDto']) =>
  result(api.POST('/api/v1/instance/email-preview', { body }));

/** The organisations an instance admin can bind a brand to (GET /organisations lists them all for admins). */
export async function allOrganisations(): Promise<{ id: string; name: string }[]> {
  const found: { id: string; name: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { data } = await api.GET('/api/v1/organisations', {
      params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) break;
    found.push(...data.items.map(({ id, name }) => ({ id, name })));
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return found;
}

/** The message of the 422 error on this field (`colors.text`, `legal.termsUrl`, `hosts`…), if any. */
export function fieldError(problem: Problem | undefined, field: string): string | undefined {
  if (problem && CONFLICTS[problem.type.split('/').pop() ?? ''] === field) return problem.detail;
  return problem?.errors?.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message;
}

/** The 409s of the contract, told next to the field they are about. */
const CONFLICTS: Record<string, string> = {
  'brand-host-taken': 'hosts',
  'brand-organisation-taken': 'organisationId',
};

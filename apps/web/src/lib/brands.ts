import { api, problemOf, type Problem } from './api/client';

// Shapes of the white-label contract (briefs/brand-contract.md); replaced by the generated types
// once the Brands API is in the OpenAPI document.
export type BrandColors = { primary: string; secondary: string; background: string; text: string };
export type ColorName = keyof BrandColors;
export type Registration = 'open' | 'invitation_only' | 'closed';
export type Legal = { termsUrl: string | null; privacyUrl: string | null; contactUrl: string | null };
export interface BrandSettings {
  id: string;
  name: string;
  shortName: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  colors: BrandColors;
  defaultLocale: 'fr' | 'en';
  welcomeText: string;
  charter: string;
  legal: Legal;
  registration: Registration;
  poweredBy: boolean;
  isDefault: boolean;
  hosts: string[];
  organisationId: string | null;
  emailSender: { name: string | null; address: string | null };
  updatedAt: string;
}
export type BrandImage = 'logo' | 'favicon';

/** What the editor changes: every editable field, as the form holds it. */
export type BrandDraft = Omit<BrandSettings, 'id' | 'logoUrl' | 'faviconUrl' | 'isDefault' | 'updatedAt'>;

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

// The untyped calls below become typed ones (api.GET('/api/v1/instance/brands')…) with the generated schema.
type Untyped = (path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => api[method] as unknown as Untyped;

async function result<T>(pending: ReturnType<Untyped>): Promise<Result<T>> {
  const { data, error, response } = await pending;
  if (response.ok) return { data: data as T };
  return { problem: problemOf(error) ?? { type: 'about:blank', title: '', status: response.status, detail: '' } };
}

export async function listBrands(): Promise<Result<BrandSettings[]>> {
  const listed = await result<{ items: BrandSettings[] }>(call('GET')('/api/v1/instance/brands'));
  return listed.data ? { data: listed.data.items } : listed;
}

export const createBrand = (body: { name: string; hosts: string[]; organisationId?: string }) =>
  result<BrandSettings>(call('POST')('/api/v1/instance/brands', { body }));

export const updateBrand = (id: string, body: ReturnType<typeof patchOf>) =>
  result<BrandSettings>(call('PATCH')('/api/v1/instance/brands/{id}', { params: { path: { id } }, body }));

export const deleteBrand = (id: string) =>
  result<unknown>(call('DELETE')('/api/v1/instance/brands/{id}', { params: { path: { id } } }));

export function uploadImage(id: string, image: BrandImage, file: File) {
  const body = new FormData();
  body.append('file', file);
  return result<BrandSettings>(
    call('PUT')(`/api/v1/instance/brands/{id}/${image}`, {
      params: { path: { id } },
      body,
      bodySerializer: (form: FormData) => form, // the browser sets the multipart boundary
    }),
  );
}

export const removeImage = (id: string, image: BrandImage) =>
  result<BrandSettings>(call('DELETE')(`/api/v1/instance/brands/{id}/${image}`, { params: { path: { id } } }));

export interface EmailPreview {
  subject: string;
  html: string;
  text: string;
}

export const emailPreview = (body: {
  brandId: string;
  draft: Pick<BrandDraft, 'name' | 'colors' | 'legal' | 'poweredBy'>;
  locale: 'fr' | 'en';
}) => result<EmailPreview>(call('POST')('/api/v1/instance/email-preview', { body }));

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

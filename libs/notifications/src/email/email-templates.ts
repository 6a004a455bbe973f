import type { NotificationView } from '../notifications.repository';
import { mailLocale, MESSAGES } from './email-messages';

export interface Brand {
  name: string;
  colors: { primary?: string; background?: string; text?: string };
  /** Absolute URL of the logo (PNG: every mail client shows it), or null. */
  logoUrl?: string | null;
  legal?: { termsUrl: string | null; privacyUrl: string | null; contactUrl: string | null };
  poweredBy?: boolean;
}

export interface EmailInput {
  kind: 'immediate' | 'daily' | 'weekly';
  recipient: { displayName: string; locale: string };
  items: NotificationView[];
  brand: Brand;
  publicUrl: string;
  /** The one-click unsubscribe URL of a sphere for this recipient. */
  unsubscribeUrl: (sphereId: string) => string;
}

export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every piece of user content goes through this: nothing a member wrote is markup in an e-mail. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

const COLOR = /^#[0-9a-f]{3,8}$/i;
const color = (value: string | undefined, fallback: string) => (value && COLOR.test(value) ? value : fallback);
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A link to the item in the web client. */
export function itemUrl(publicUrl: string, item: NotificationView): string {
  return item.sphereId ? `${publicUrl}/spheres/${item.sphereId}` : `${publicUrl}/me`;
}

function legalLinks(brand: Brand, m: (typeof MESSAGES)['fr']): { label: string; url: string }[] {
  const links = brand.legal;
  if (!links) return [];
  return [
    { label: m.terms, url: links.termsUrl },
    { label: m.privacy, url: links.privacyUrl },
    { label: m.contact, url: links.contactUrl },
  ].filter((link): link is { label: string; url: string } => typeof link.url === 'string');
}

/** Items per sphere (the sphere's name as heading), those of no sphere last. */
function bySphere(
  items: NotificationView[],
): { sphereId: string | null; name: string | null; items: NotificationView[] }[] {
  const groups = new Map<string | null, { sphereId: string | null; name: string | null; items: NotificationView[] }>();
  for (const item of items) {
    const group = groups.get(item.sphereId) ?? { sphereId: item.sphereId, name: item.sphereName, items: [] };
    group.items.push(item);
    groups.set(item.sphereId, group);
  }
  return [...groups.values()].sort((a, b) => (a.sphereId === null ? 1 : b.sphereId === null ? -1 : 0));
}

/** One e-mail (immediate: one item; digest: items grouped per sphere), HTML and plain text, in the recipient's language. */
export function composeEmail(input: EmailInput): ComposedEmail {
  const m = MESSAGES[mailLocale(input.recipient.locale)];
  const { brand, items } = input;
  const primary = color(brand.colors.primary, '#1d4ed8');
  const background = color(brand.colors.background, '#ffffff');
  const ink = color(brand.colors.text, '#111827');
  const first = items[0];
  const subject =
    input.kind === 'immediate'
      ? m.immediateSubject(m.kinds[first.kind], first.sphereName)
      : (input.kind === 'daily' ? m.dailySubject : m.weeklySubject)(brand.name, items.length);

  const groups = bySphere(items);
  const text: string[] = [m.hello(input.recipient.displayName), ''];
  const html: string[] = [];
  if (input.kind !== 'immediate') text.push(m.digestIntro(items.length), '');
  for (const group of groups) {
    const heading = group.name ?? m.elsewhere;
    text.push(`## ${oneLine(heading)}`);
    html.push(
      `<h2 style="color:${primary};font-size:18px;margin:24px 0 8px">${escapeHtml(heading)}</h2><ul style="padding-left:20px">`,
    );
    for (const item of group.items) {
      const by = item.actorName ? ` (${m.by(oneLine(item.actorName))})` : '';
      const url = itemUrl(input.publicUrl, item);
      text.push(`- ${m.kinds[item.kind]}${by}`);
      if (item.excerpt) text.push(`  « ${oneLine(item.excerpt)} »`);
      text.push(`  ${url}`);
      html.push(
        `<li style="margin-bottom:12px"><strong>${escapeHtml(m.kinds[item.kind])}</strong>${escapeHtml(by)}` +
          (item.excerpt ? `<br><span style="color:#4b5563">${escapeHtml(item.excerpt)}</span>` : '') +
          `<br><a href="${escapeHtml(url)}" style="color:${primary}">${m.open}</a></li>`,
      );
    }
    html.push('</ul>');
    if (group.sphereId) {
      const unsubscribe = input.unsubscribeUrl(group.sphereId);
      text.push(`${m.unsubscribe}: ${unsubscribe}`);
      html.push(
        `<p style="font-size:12px"><a href="${escapeHtml(unsubscribe)}" style="color:#6b7280">${m.unsubscribe}</a></p>`,
      );
    }
    text.push('');
  }
  const legal = legalLinks(brand, m);
  text.push(`${m.settings}: ${input.publicUrl}/me`, '', brand.name);
  for (const link of legal) text.push(`${link.label}: ${link.url}`);
  if (brand.poweredBy) text.push(m.poweredBy);
  // the header draws the page colour on the primary colour: the pair the brand editor checked for contrast
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;max-width:320px;background:${background};padding:4px;border-radius:4px">`
    : escapeHtml(brand.name);
  const footer = [
    ...legal.map((link) => `<a href="${escapeHtml(link.url)}" style="color:#6b7280">${escapeHtml(link.label)}</a>`),
    ...(brand.poweredBy ? [escapeHtml(m.poweredBy)] : []),
  ].join(' · ');

  const page =
    `<!doctype html><html lang="${mailLocale(input.recipient.locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;background:${background};color:${ink};font-family:system-ui,sans-serif">` +
    `<div style="background:${primary};color:${background};padding:16px 24px;font-size:20px;font-weight:bold">${header}</div>` +
    `<div style="padding:16px 24px;max-width:640px"><p>${escapeHtml(m.hello(input.recipient.displayName))}</p>` +
    (input.kind !== 'immediate' ? `<p>${escapeHtml(m.digestIntro(items.length))}</p>` : '') +
    html.join('') +
    `<p style="font-size:12px;margin-top:32px"><a href="${escapeHtml(input.publicUrl)}/me" style="color:#6b7280">${m.settings}</a></p>` +
    (footer ? `<p style="font-size:12px;color:#6b7280">${footer}</p>` : '') +
    `</div></body></html>`;

  const sphereId = groups.find((g) => g.sphereId)?.sphereId;
  const headers: Record<string, string> = sphereId
    ? {
        'List-Unsubscribe': `<${input.unsubscribeUrl(sphereId)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }
    : {};
  return { subject: oneLine(subject), html: page, text: text.join('\n'), headers };
}

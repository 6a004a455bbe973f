import { mailLocale } from './email-messages';
import { Brand, ComposedEmail, escapeHtml } from './email-templates';

const WORDS = {
  fr: {
    subject: (site: string) => `${site} : réinitialiser votre mot de passe`,
    hello: (name: string) => `Bonjour ${name},`,
    asked: 'Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte.',
    action: 'Choisir un nouveau mot de passe',
    until: (time: string) => `Ce lien ne fonctionne qu’une fois, jusqu’à ${time} (heure de Paris).`,
    ignore: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
  },
  en: {
    subject: (site: string) => `${site}: reset your password`,
    hello: (name: string) => `Hello ${name},`,
    asked: 'Someone (you, most likely) asked to change the password of your account.',
    action: 'Choose a new password',
    until: (time: string) => `This link works once, until ${time} (Paris time).`,
    ignore: 'If you did not ask for it, ignore this message: your password stays as it is.',
  },
};

/** The reset link e-mail, in the account's language, wearing the instance's brand. Never logged. */
export function composePasswordResetEmail(input: {
  displayName: string;
  locale: string;
  url: string;
  expiresAt: Date;
  brand: Brand;
}): ComposedEmail {
  const language = mailLocale(input.locale);
  const w = WORDS[language];
  const time = input.expiresAt.toLocaleTimeString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  });
  const primary = /^#[0-9a-f]{3,8}$/i.test(input.brand.colors.primary ?? '') ? input.brand.colors.primary : '#1d4ed8';
  const subject = w.subject(input.brand.name);
  const text = [w.hello(input.displayName), '', w.asked, '', `${w.action}: ${input.url}`, '', w.until(time), w.ignore];
  const html =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;color:#111827"><div style="padding:16px 24px;max-width:640px">` +
    `<p>${escapeHtml(w.hello(input.displayName))}</p><p>${escapeHtml(w.asked)}</p>` +
    `<p><a href="${escapeHtml(input.url)}" style="color:${primary};font-weight:bold">${escapeHtml(w.action)}</a></p>` +
    `<p>${escapeHtml(w.until(time))}</p><p style="color:#4b5563">${escapeHtml(w.ignore)}</p>` +
    `</div></body></html>`;
  return { subject, html, text: text.join('\n'), headers: {} };
}

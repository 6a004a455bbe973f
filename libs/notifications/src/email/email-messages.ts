import type { NotificationKind } from '../notification-kinds';

export type MailLocale = 'fr' | 'en';

export const mailLocale = (locale: string): MailLocale => (locale.toLowerCase().startsWith('en') ? 'en' : 'fr');

interface Messages {
  kinds: Record<NotificationKind, string>;
  immediateSubject: (what: string, sphere: string | null) => string;
  dailySubject: (instance: string, count: number) => string;
  weeklySubject: (instance: string, count: number) => string;
  hello: (name: string) => string;
  digestIntro: (count: number) => string;
  open: string;
  elsewhere: string;
  by: (name: string) => string;
  unsubscribe: string;
  settings: string;
  terms: string;
  privacy: string;
  contact: string;
  poweredBy: string;
}

export const MESSAGES: Record<MailLocale, Messages> = {
  fr: {
    kinds: {
      post: 'Nouvelle publication',
      important_post: 'Publication importante',
      mention: 'Vous avez été mentionné·e',
      comment: 'Nouveau commentaire',
      reply: 'Réponse à votre commentaire',
      join_request: "Demande d'adhésion",
      join_request_decided: "Votre demande d'adhésion a été traitée",
      sphere_request: 'Demande de sphère',
      sphere_request_decided: 'Votre demande de sphère a été traitée',
      moderation_outcome: 'Décision de modération',
      case_escalated: 'Signalement transmis',
      role_granted: 'Nouveau rôle',
      role_revoked: 'Rôle retiré',
      mandate_ending: 'Votre mandat se termine bientôt',
      charter_updated: 'La charte a changé',
    },
    immediateSubject: (what, sphere) => (sphere ? `${what} · ${sphere}` : what),
    dailySubject: (instance, count) => `${instance} : ${count} nouveauté${count > 1 ? 's' : ''} aujourd'hui`,
    weeklySubject: (instance, count) => `${instance} : ${count} nouveauté${count > 1 ? 's' : ''} cette semaine`,
    hello: (name) => `Bonjour ${name},`,
    digestIntro: (count) => `Voici ${count} nouveauté${count > 1 ? 's' : ''} dans vos sphères.`,
    open: 'Ouvrir',
    elsewhere: 'Autres notifications',
    by: (name) => `par ${name}`,
    unsubscribe: 'Ne plus recevoir de notifications de cette sphère',
    settings: 'Gérer mes notifications',
    terms: "Conditions d'utilisation",
    privacy: 'Confidentialité',
    contact: 'Contact',
    poweredBy: 'Propulsé par Alveole',
  },
  en: {
    kinds: {
      post: 'New post',
      important_post: 'Important post',
      mention: 'You were mentioned',
      comment: 'New comment',
      reply: 'Reply to your comment',
      join_request: 'Join request',
      join_request_decided: 'Your join request was decided',
      sphere_request: 'Sphere request',
      sphere_request_decided: 'Your sphere request was decided',
      moderation_outcome: 'Moderation decision',
      case_escalated: 'Report escalated',
      role_granted: 'New role',
      role_revoked: 'Role removed',
      mandate_ending: 'Your mandate ends soon',
      charter_updated: 'The charter changed',
    },
    immediateSubject: (what, sphere) => (sphere ? `${what} · ${sphere}` : what),
    dailySubject: (instance, count) => `${instance}: ${count} new item${count > 1 ? 's' : ''} today`,
    weeklySubject: (instance, count) => `${instance}: ${count} new item${count > 1 ? 's' : ''} this week`,
    hello: (name) => `Hello ${name},`,
    digestIntro: (count) =>
      `Here ${count > 1 ? 'are' : 'is'} ${count} new item${count > 1 ? 's' : ''} in your spheres.`,
    open: 'Open',
    elsewhere: 'Other notifications',
    by: (name) => `by ${name}`,
    unsubscribe: 'Stop notifications from this sphere',
    settings: 'Manage my notifications',
    terms: 'Terms of use',
    privacy: 'Privacy',
    contact: 'Contact',
    poweredBy: 'Powered by Alveole',
  },
};

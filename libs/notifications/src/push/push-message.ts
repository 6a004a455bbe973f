import type { NotificationKind } from '../notification-kinds';

/** What a push carries: a title generic per kind and the page to open; never any content. */
export interface PushMessage {
  title: string;
  url: string;
}

export interface PushItem {
  kind: NotificationKind;
  sphereId: string | null;
  /** Null when the sphere is secret: its name never leaves the server. */
  sphereName: string | null;
  locale: string | null;
}

type Titles = Record<NotificationKind, string> & { inSphere: Partial<Record<NotificationKind, string>> };

const TITLES: Record<'en' | 'fr', Titles> = {
  en: {
    post: 'New post',
    important_post: 'Important post',
    mention: 'You were mentioned',
    comment: 'New comment',
    reply: 'New reply',
    join_request: 'New request to join',
    join_request_decided: 'Your request to join was answered',
    sphere_request: 'New sphere request',
    sphere_request_decided: 'Your sphere request was answered',
    moderation_outcome: 'A moderation decision',
    case_escalated: 'A moderation case needs you',
    role_granted: 'You have a new role',
    role_revoked: 'One of your roles ended',
    mandate_ending: 'A mandate ends soon',
    charter_updated: 'The charter changed',
    inSphere: { post: 'New post in {sphere}', important_post: 'Important post in {sphere}' },
  },
  fr: {
    post: 'Nouvelle publication',
    important_post: 'Publication importante',
    mention: 'Vous avez été mentionné·e',
    comment: 'Nouveau commentaire',
    reply: 'Nouvelle réponse',
    join_request: "Nouvelle demande d'adhésion",
    join_request_decided: "Votre demande d'adhésion a reçu une réponse",
    sphere_request: 'Nouvelle demande de sphère',
    sphere_request_decided: 'Votre demande de sphère a reçu une réponse',
    moderation_outcome: 'Une décision de modération',
    case_escalated: 'Un cas de modération vous attend',
    role_granted: 'Vous avez un nouveau rôle',
    role_revoked: 'Un de vos rôles a pris fin',
    mandate_ending: 'Un mandat prend bientôt fin',
    charter_updated: 'La charte a changé',
    inSphere: { post: 'Nouvelle publication dans {sphere}', important_post: 'Publication importante dans {sphere}' },
  },
};

/** The web client's page for the item (a path of the same origin as the app). */
function pageOf(item: PushItem): string {
  if (item.kind === 'moderation_outcome') return '/me/outcomes';
  if (!item.sphereId) return '/';
  if (item.kind === 'join_request') return `/spheres/${item.sphereId}/moderate`;
  return `/spheres/${item.sphereId}`;
}

export function pushMessage(item: PushItem): PushMessage {
  const titles = item.locale?.toLowerCase().startsWith('en') ? TITLES.en : TITLES.fr;
  const named = item.sphereName ? titles.inSphere[item.kind] : undefined;
  // the name is at most a sphere name, cut short: a push title is not the place for more
  const title = named ? named.replace('{sphere}', item.sphereName!.slice(0, 60)) : titles[item.kind];
  return { title, url: pageOf(item) };
}

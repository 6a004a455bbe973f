/**
 * The demo organisation of `npm run seed:demo`: a fictional national human-rights NGO with its
 * regions, local groups and a thematic cell, and one account for each role (DESIGN.md §0, §2).
 */
import type { OrgRole, SphereRole } from '@alveole/access';
import type { NewSphere } from '@alveole/structure';

/** Every demo account has this password (they are demo accounts: never seed a public instance). */
export const DEMO_PASSWORD = 'solidaire-demo-2025';

export const DEMO_ORGANISATION = {
  name: 'Action Solidaire',
  slug: 'action-solidaire',
  sphereCreation: 'on_request' as const,
  membershipPolicy: 'invitation' as const,
};

export interface DemoSphere extends Omit<NewSphere, 'parentId'> {
  slug: string;
  /** The slug of the parent sphere. */
  parent?: string;
  /** Set after creation (a sphere setting): members accept it in this sphere on top of the charter. */
  charterAddendum?: string;
}

const region = (slug: string, name: string, territoryCode: string): DemoSphere => ({
  slug,
  name,
  parent: 'national',
  kind: 'territorial',
  visibility: 'public',
  territoryCode,
  description: `Coordination des groupes locaux de la ${name.toLowerCase()}.`,
});

const group = (slug: string, name: string, parent: string, territoryCode: string, secret = false): DemoSphere => ({
  slug,
  name,
  parent,
  kind: 'territorial',
  visibility: secret ? 'secret' : 'public',
  territoryCode,
  description: secret
    ? 'Groupe en constitution : sur invitation seulement, le temps de réunir les premiers bénévoles.'
    : 'Réunions mensuelles, permanences et actions locales.',
});

/** Parents before children. */
export const DEMO_SPHERES: DemoSphere[] = [
  {
    slug: 'national',
    name: 'Action Solidaire France',
    kind: 'territorial',
    visibility: 'public',
    territoryCode: 'FR',
    // the announcement sphere that replaces the national mailing list
    postingPolicy: 'animators',
    description: 'Annonces du bureau national à tout le réseau.',
  },
  region('auvergne-rhone-alpes', 'Région Auvergne-Rhône-Alpes', 'FR-ARA'),
  region('bretagne', 'Région Bretagne', 'FR-BRE'),
  region('occitanie', 'Région Occitanie', 'FR-OCC'),
  group('groupe-lyon', 'Groupe de Lyon', 'auvergne-rhone-alpes', 'FR-69'),
  group('groupe-grenoble', 'Groupe de Grenoble', 'auvergne-rhone-alpes', 'FR-38'),
  {
    ...group('groupe-rennes', 'Groupe de Rennes', 'bretagne', 'FR-35'),
    charterAddendum:
      'Dans ce groupe, nous ne publions ni le nom de famille ni le lieu de vie des personnes que nous accompagnons.',
  },
  group('groupe-brest', 'Groupe de Brest (en constitution)', 'bretagne', 'FR-29', true),
  group('groupe-toulouse', 'Groupe de Toulouse', 'occitanie', 'FR-31'),
  group('groupe-montpellier', 'Groupe de Montpellier (en constitution)', 'occitanie', 'FR-34', true),
  {
    slug: 'plaidoyer',
    name: 'Commission plaidoyer',
    parent: 'national',
    kind: 'thematic',
    visibility: 'private',
    description: 'Préparation des campagnes et des rendez-vous avec les élus ; sur demande.',
  },
  {
    slug: 'veille-defenseurs',
    name: 'Veille : défenseurs des droits en danger',
    parent: 'national',
    kind: 'thematic',
    visibility: 'secret',
    moderationMode: 'pre',
    description: 'Suivi des situations individuelles signalées par le réseau ; chaque message est relu.',
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  /** What the account shows in the demo (printed in the logins table). */
  role: string;
  /** The organisation's owner is the one who receives `org_owner` when the organisation is created. */
  owner?: boolean;
  orgRole?: { role: OrgRole; scope?: string; mandateMonths?: number };
  memberships?: { sphere: string; role: SphereRole }[];
}

const email = (local: string) => `${local}@action-solidaire.example`;

export const DEMO_USERS: DemoUser[] = [
  {
    email: email('claire.martin'),
    displayName: 'Claire Martin',
    role: 'org_owner (whole organisation), sphere_admin of the national sphere',
    owner: true,
    memberships: [{ sphere: 'national', role: 'sphere_admin' }],
  },
  {
    email: email('karim.benali'),
    displayName: 'Karim Benali',
    role: 'system_manager (whole organisation), sphere_admin of the advocacy commission, animator of the watch cell',
    orgRole: { role: 'system_manager' },
    memberships: [
      { sphere: 'plaidoyer', role: 'sphere_admin' },
      { sphere: 'veille-defenseurs', role: 'animator' },
    ],
  },
  {
    email: email('nolwenn.legall'),
    displayName: 'Nolwenn Le Gall',
    role: 'system_manager of Région Bretagne (12-month mandate)',
    orgRole: { role: 'system_manager', scope: 'bretagne', mandateMonths: 12 },
  },
  {
    email: email('paul.durand'),
    displayName: 'Paul Durand',
    role: 'sphere_admin of Groupe de Rennes',
    memberships: [{ sphere: 'groupe-rennes', role: 'sphere_admin' }],
  },
  {
    email: email('sophie.bernard'),
    displayName: 'Sophie Bernard',
    role: 'animator of Groupe de Rennes (has a pending sphere request)',
    memberships: [{ sphere: 'groupe-rennes', role: 'animator' }],
  },
  {
    email: email('lucas.petit'),
    displayName: 'Lucas Petit',
    role: 'member of Groupe de Rennes (accepted the charter, not yet its addendum), the national sphere and the watch cell; asked to join the advocacy commission',
    memberships: [
      { sphere: 'groupe-rennes', role: 'member' },
      { sphere: 'national', role: 'member' },
      { sphere: 'veille-defenseurs', role: 'member' },
    ],
  },
  {
    email: email('amina.diallo'),
    displayName: 'Amina Diallo',
    role: 'visitor of Région Bretagne (partner association)',
    memberships: [{ sphere: 'bretagne', role: 'visitor' }],
  },
  {
    email: email('jean.dupont'),
    displayName: 'Jean Dupont',
    role: 'outsider: an account in no sphere (sees nothing of the organisation)',
  },
];

/** A request waiting for the regional manager, so the demo shows how redundant spheres are avoided. */
export const DEMO_SPHERE_REQUEST = {
  requester: email('sophie.bernard'),
  parent: 'bretagne',
  name: 'Groupe de Saint-Malo',
  reason: 'Une dizaine de bénévoles se réunissent déjà chaque mois à Saint-Malo et souhaitent un espace à eux.',
};

export const DEMO_CHARTER = [
  {
    title: 'Respect des personnes',
    text: 'Nous nous adressons les uns aux autres avec respect. Aucun propos injurieux, discriminatoire ou menaçant.',
  },
  {
    title: 'Protection des personnes suivies',
    text: "Ne publiez jamais le nom, l'adresse ou la photo d'une personne que nous accompagnons, ni rien qui permette de la reconnaître.",
  },
  {
    title: 'Confidentialité',
    text: "Ce qui est partagé dans une sphère y reste : ne le transférez pas hors de l'intranet sans l'accord de ses animateurs.",
  },
  {
    title: 'Neutralité',
    text: "L'intranet sert la mission de l'association : pas de propagande partisane ni de démarchage commercial.",
  },
];

/**
 * What the demo organisation's people have already done, so that a first visit finds a living
 * intranet: charter acceptances, posts, comments, reactions, a post awaiting approval and a join
 * request (all created by scripts/seed-demo-activity.ts through the services).
 */
import type { ReactionKind } from '@alveole/content';

const email = (local: string) => `${local}@action-solidaire.example`;

/**
 * Who accepts the charter in which of their spheres (once per organisation, plus each sphere's addendum
 * there); Lucas has not yet accepted Groupe de Rennes' addendum.
 */
export const DEMO_ACCEPTANCES: { person: string; spheres: string[] }[] = [
  { person: email('claire.martin'), spheres: ['national'] },
  { person: email('karim.benali'), spheres: ['plaidoyer', 'veille-defenseurs'] },
  { person: email('paul.durand'), spheres: ['groupe-rennes'] },
  { person: email('sophie.bernard'), spheres: ['groupe-rennes'] },
  { person: email('lucas.petit'), spheres: ['national', 'veille-defenseurs'] },
  { person: email('amina.diallo'), spheres: ['bretagne'] },
];

export interface DemoComment {
  author: string;
  body: string;
  replies?: { author: string; body: string }[];
}

export interface DemoPost {
  sphere: string;
  author: string;
  body: string;
  comments?: DemoComment[];
  reactions?: { person: string; kind: ReactionKind }[];
}

/** Oldest first. A sphere gets its posts only while it has none, so a second run adds nothing. */
export const DEMO_POSTS: DemoPost[] = [
  {
    sphere: 'national',
    author: email('claire.martin'),
    body:
      '## Bienvenue sur notre intranet\n\nCette sphère remplace la liste de diffusion nationale : les annonces du ' +
      'bureau arrivent ici, et seulement ici. Pour échanger, rendez-vous dans la sphère de votre groupe local.\n\n' +
      'Avant de publier, prenez deux minutes pour lire **la charte** : elle protège les personnes que nous accompagnons.',
    reactions: [{ person: email('lucas.petit'), kind: 'like' }],
  },
  {
    sphere: 'groupe-rennes',
    author: email('paul.durand'),
    body:
      'Permanence juridique **samedi 10 h – 12 h** à la Maison des associations (salle 3). ' +
      "Nous cherchons encore deux bénévoles pour l'accueil : répondez ici si vous êtes disponibles.",
    comments: [
      {
        author: email('sophie.bernard'),
        body: "Je peux tenir l'accueil de 10 h à 11 h.",
        replies: [{ author: email('paul.durand'), body: 'Merci Sophie, je te mets sur le planning.' }],
      },
    ],
    reactions: [
      { person: email('sophie.bernard'), kind: 'like' },
      { person: email('lucas.petit'), kind: 'celebrate' },
    ],
  },
  {
    sphere: 'groupe-rennes',
    author: email('sophie.bernard'),
    body: 'Compte rendu de la réunion de mars : nouvelle répartition des permanences, tableau joint à la prochaine réunion.',
    reactions: [{ person: email('paul.durand'), kind: 'insightful' }],
  },
  {
    sphere: 'veille-defenseurs',
    author: email('karim.benali'),
    body: 'Point mensuel de la cellule : trois situations suivies, aucune nouvelle alerte cette semaine.',
  },
  {
    // pre-moderation: this one waits for Karim, the cell's animator
    sphere: 'veille-defenseurs',
    author: email('lucas.petit'),
    body: "Signalement reçu d'un partenaire : une militante menacée après une manifestation. Détails à voir ensemble.",
  },
];

/** A request to join a private sphere, waiting for its sphere admin (Karim). */
export const DEMO_JOIN_REQUEST = { person: email('lucas.petit'), sphere: 'plaidoyer' };

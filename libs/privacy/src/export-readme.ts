/** README.txt of every export: what each file holds (in the two languages of the instance). */
export const README = `Your data / Vos données
=======================

This archive holds what this site keeps about you (GDPR articles 15 and 20). Other people's
content appears only as ids (the post you commented on, the person who notified you...).
Dates are in UTC (ISO 8601). The download link worked once; the archive is deleted 7 days
after it was built.

  profile.json        your account: id, e-mail (if any), display name, language, dates
  memberships.json    your organisations, your spheres (role, status) and the roles granted to you
  posts.json          the posts you wrote, with their earlier versions that you replaced
  comments.json       your comments; for a reply, only the id of the comment you replied to
  reactions.json      your reactions (post id, kind)
  reports.json        the reports you made (target id, category, your note)
  notifications.json  the notifications you received (ids of what and who they were about)
  preferences.json    your language, notification settings, per-sphere levels, push devices
  sessions.json       your sign-ins (created, last used, expiry; never the tokens) and security events
  audit.json          audit entries where you acted or were the subject (free text left out)
  documents.json      the documents you uploaded, every version, with its file below
  files/              the bytes of each version you uploaded: <document id>-v<version>-<name>

Cette archive contient ce que ce site conserve sur vous (RGPD, articles 15 et 20). Le contenu
des autres personnes n'y figure que par des identifiants. Dates en UTC (ISO 8601). Le lien de
téléchargement ne servait qu'une fois ; l'archive est supprimée 7 jours après sa création.

  profile.json        votre compte : identifiant, e-mail (s'il existe), nom affiché, langue, dates
  memberships.json    vos organisations, vos sphères (rôle, statut) et les rôles qui vous sont confiés
  posts.json          vos publications, avec les versions antérieures que vous avez remplacées
  comments.json       vos commentaires ; pour une réponse, seulement l'identifiant du commentaire parent
  reactions.json      vos réactions (identifiant de la publication, type)
  reports.json        vos signalements (identifiant visé, catégorie, votre note)
  notifications.json  les notifications reçues (identifiants de ce et de ceux qu'elles concernent)
  preferences.json    votre langue, vos réglages de notification, niveaux par sphère, appareils push
  sessions.json       vos connexions (création, dernier usage, expiration ; jamais les jetons) et événements de sécurité
  audit.json          les entrées du journal où vous agissez ou êtes concerné (texte libre exclu)
  documents.json      les documents que vous avez déposés, chaque version, avec son fichier
  files/              le contenu de chaque version déposée : <identifiant>-v<version>-<nom>
`;

import { DocumentErrors } from '../documents.errors';

/** Names clients give to types the allow-list knows under another. */
const ALIASES: Record<string, string> = {
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'application/x-gzip': 'application/gzip',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'text/x-markdown': 'text/markdown',
  'text/rtf': 'application/rtf',
};
/** Old Microsoft Office files all sniff as a Compound File: the declared one of these is believed. */
const COMPOUND_FILE = 'application/x-cfb';
const COMPOUND_FILE_TYPES = ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'];
/** What a browser sends when it does not know: the bytes decide alone. */
const UNDECLARED = ['', 'application/octet-stream'];

/** Normalised: lower case, without parameters (`; charset=…`), aliases resolved. */
function normalise(type: string): string {
  const bare = type.split(';')[0].trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/**
 * Which files may become documents: a type on the allow-list, declared (or not) in agreement with
 * what the bytes show. Text has no signature: it is accepted when it reads as text and was declared
 * as a text type (or not declared: then it is text/plain).
 */
export class TypePolicy {
  private readonly allowed: Set<string>;

  constructor(allowedTypes: string[]) {
    this.allowed = new Set(allowedTypes.map(normalise));
  }

  /** Before any byte: a declared type outside the allow-list is refused at once (415). */
  admit(declared: string): void {
    const type = normalise(declared);
    if (!UNDECLARED.includes(type) && !this.allowed.has(type)) throw DocumentErrors.unsupportedType(type);
  }

  /** The type to store, or the refusal (415), from the declared type and what the bytes show. */
  judge(declared: string, detected: string | null, looksLikeText: boolean): { mimeType: string } | { refusal: Error } {
    const said = UNDECLARED.includes(normalise(declared)) ? null : normalise(declared);
    let shown = detected === null ? null : normalise(detected);
    if (shown === COMPOUND_FILE && said && COMPOUND_FILE_TYPES.includes(said)) shown = said;
    if (shown === null) return this.judgeText(said, looksLikeText);
    if (!this.allowed.has(shown)) return { refusal: DocumentErrors.unsupportedType(shown) };
    if (said && said !== shown) return { refusal: DocumentErrors.typeMismatch(said, shown) };
    return { mimeType: shown };
  }

  private judgeText(said: string | null, looksLikeText: boolean): { mimeType: string } | { refusal: Error } {
    if (!looksLikeText) {
      return {
        refusal: said
          ? DocumentErrors.typeMismatch(said, 'unrecognised binary data')
          : DocumentErrors.unsupportedType('unknown'),
      };
    }
    const type = said ?? 'text/plain';
    if (!type.startsWith('text/')) return { refusal: DocumentErrors.typeMismatch(type, 'text') };
    if (!this.allowed.has(type)) return { refusal: DocumentErrors.unsupportedType(type) };
    return { mimeType: type };
  }
}

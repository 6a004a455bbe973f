/** Names Windows cannot open, whatever their extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX_LENGTH = 255;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only, no
 * control characters, no leading or trailing dots and spaces, not a reserved device name, at most 255
 * characters with its extension kept. Null when nothing is left.
 */
export function normaliseFileName(raw: string): string | null {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  name = name.replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') return null;
  if (RESERVED.test(name)) name = `_${name}`;
  if ([...name].length > MAX_LENGTH) name = shorten(name);
  return name;
}

function shorten(name: string): string {
  const characters = [...name];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
  return characters.slice(0, MAX_LENGTH - extension.length).join('') + extension.join('');
}

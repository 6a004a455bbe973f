import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters a display name may not hold: controls (C0, C1), bidirectional embeddings, overrides,
 * isolates and marks (a name that reverses the text around it, e.g. in a mention or a member list),
 * and invisible zero-width characters (two names that look the same but differ).
 */
const FORBIDDEN = /[\p{Cc}\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** One spelling per name: Unicode NFC, no surrounding spaces. */
export function normaliseDisplayName(name: string): string {
  return name.normalize('NFC').trim();
}

/** Why a (normalised) display name is refused, or null when it is fine. */
export function displayNameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (FORBIDDEN.test(name)) return 'must not contain control, bidirectional-override or zero-width characters';
  return null;
}

/** On a DTO property: normalises (NFC, trimmed), then refuses what displayNameProblem refuses. */
export function IsDisplayName(options?: ValidationOptions): PropertyDecorator {
  const normalise = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseDisplayName(value) : value,
  );
  const validate = ValidateBy(
    {
      name: 'isDisplayName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && displayNameProblem(value) === null,
        defaultMessage: (args) =>
          `$property ${typeof args?.value === 'string' ? displayNameProblem(args.value) : 'must be a string'}`,
      },
    },
    options,
  );
  return (target, key) => {
    normalise(target, key);
    validate(target, key);
  };
}

import { v7 } from 'uuid';

/** Time-ordered UUIDv7, generated in the application so PGlite needs no uuid extension. */
export function newId(): string {
  return v7();
}

import { Foundation1763780000000 } from './1763780000000-foundation';

/** Every migration in order; imported by the data source so the build and the tests see the same list. */
export const allMigrations = [Foundation1763780000000];

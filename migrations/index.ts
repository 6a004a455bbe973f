import { Foundation1763780000000 } from './1763780000000-foundation';
import { Structure1763790000000 } from './1763790000000-structure';

/** Every migration in order; imported by the data source so the build and the tests see the same list. */
export const allMigrations = [Foundation1763780000000, Structure1763790000000];

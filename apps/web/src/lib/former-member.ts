import { m } from '$lib/paraglide/messages';

/** An erased member's posts, comments and files keep no author: they read as "former member". */
export function authorName(author: { displayName: string } | null | undefined): string {
  return author?.displayName ?? m.erase_former_member();
}

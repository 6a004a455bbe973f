import { m } from '$lib/paraglide/messages';
import type { components } from '$lib/api/schema';

export type Sphere = components['schemas']['SphereResponse'];

/** The text to show for a refused request: the problem's detail, or a generic message. */
export function problemText(error: unknown): string {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  return typeof detail === 'string' && detail ? detail : m.error_generic();
}

/** Every page of a cursor-paginated list (the manager screens show whole lists). */
export async function allPages<T>(
  load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null } | undefined>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const data = await load(cursor);
    if (!data) break;
    items.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return items;
}

export interface TreeNode {
  sphere: Sphere;
  children: TreeNode[];
}

/** Nests the flat list (parentId) into a tree, siblings by name; orphans (parent out of sight) are roots. */
export function sphereTree(spheres: Sphere[]): TreeNode[] {
  const nodes = new Map(spheres.map((sphere) => [sphere.id, { sphere, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.sphere.parentId ? nodes.get(node.sphere.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => a.sphere.name.localeCompare(b.sphere.name));
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** The spheres in tree order, each with its depth (for indented <option>s). */
export function flattenTree(roots: TreeNode[], depth = 0): { sphere: Sphere; depth: number }[] {
  return roots.flatMap((node) => [{ sphere: node.sphere, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** `yyyy-mm-dd` of the day `months` months from now (a date input's value). */
export function dateInMonths(months: number, from = new Date()): string {
  const date = new Date(from);
  date.setMonth(date.getMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The end of a `yyyy-mm-dd` day in local time, as an ISO instant (or undefined when empty). */
export function endOfDay(value: string): string | undefined {
  return value ? new Date(`${value}T23:59:59`).toISOString() : undefined;
}

/** A role's name in the reader's language. */
export function roleName(role: string): string {
  const names: Record<string, () => string> = {
    sphere_admin: m.role_sphere_admin,
    animator: m.role_animator,
    member: m.role_member,
    visitor: m.role_visitor,
    org_owner: m.role_org_owner,
    system_manager: m.role_system_manager,
  };
  return names[role]?.() ?? role;
}

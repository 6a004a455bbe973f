import { api } from './api/client';
import type { components } from './api/schema';

export type Sphere = components['schemas']['SphereResponse'];
export interface SphereNode {
  sphere: Sphere;
  children: SphereNode[];
}

/** Every sphere of the organisation I may see, page after page (at most 2,000). */
export async function organisationSpheres(orgId: string): Promise<Sphere[] | undefined> {
  const spheres: Sphere[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api.GET('/api/v1/organisations/{orgId}/spheres', {
      params: { path: { orgId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) return spheres.length > 0 ? spheres : undefined;
    spheres.push(...data.items);
    cursor = data.nextCursor ?? undefined;
  } while (cursor && spheres.length < 2000);
  return spheres;
}

/** The flat list as a tree (a sphere whose parent I cannot see is shown at the top level). */
export function sphereTree(spheres: Sphere[]): SphereNode[] {
  const nodes = new Map(spheres.map((sphere) => [sphere.id, { sphere, children: [] as SphereNode[] }]));
  const roots: SphereNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.sphere.parentId ? nodes.get(node.sphere.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: SphereNode, b: SphereNode) => a.sphere.name.localeCompare(b.sphere.name);
  const sort = (list: SphereNode[]) => (list.sort(byName), list.forEach((node) => sort(node.children)));
  sort(roots);
  return roots;
}

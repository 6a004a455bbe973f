import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

let installed = false;

/**
 * class-validator looks a DTO's rules up on every validation by scanning every decorated class of the
 * process (an `instanceof` per class, for inherited rules): with this api's 64 validated classes, ~20 µs of a
 * feed request for a two-field query in a CPU profile. A class's rules are fixed once its decorators have
 * run, so the answer is kept per class and options, and forgotten whenever a rule is added (a class defined
 * later).
 * Schema validation (by name, not class) is left to the library.
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let byClass = new WeakMap<object, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    byClass = new WeakMap();
    grouped = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema) return lookUp(target, schema, always, strictGroups, groups);
    const options = `${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let forClass = byClass.get(target);
    if (!forClass) byClass.set(target, (forClass = new Map()));
    let found = forClass.get(options);
    if (!found) forClass.set(options, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  // the executor groups the list it was given by property on every call too: same list, same grouping
  storage.groupByPropertyName = (metadatas) => {
    let found = grouped.get(metadatas);
    if (!found) grouped.set(metadatas, (found = group(metadatas)));
    return found;
  };
}

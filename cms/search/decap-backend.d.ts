/** The part of decap-cms-core's Backend class the CMS search replaces (the package ships no types for it). */
declare module 'decap-cms-core/dist/esm/backend.js' {
  /** A collection as Decap's Immutable map. */
  interface CollectionMap {
    get: (key: string) => unknown;
  }
  /** An entry as a backend implementation hands it over, before Decap parses it. */
  interface ImplementationEntry {
    data: string;
    file: { path: string; id: string | null };
  }
  export class Backend {
    /** Declared as a property: the CMS search keeps Decap's and calls it with `.call`. */
    search: (
      this: Backend,
      collections: CollectionMap[],
      searchTerm: string,
    ) => Promise<{ entries: unknown[] }>;
    processEntries(entries: ImplementationEntry[], collection: CollectionMap): unknown[];
  }
}

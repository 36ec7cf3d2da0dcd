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
    /** Declared as properties too: the story list keeps Decap's own and calls them with `.call`. */
    processEntries: (this: Backend, entries: ImplementationEntry[], collection: CollectionMap) => unknown[];
    /** A collection's first page of entries and the cursor to the next. */
    listEntries: (
      this: Backend,
      collection: CollectionMap,
    ) => Promise<{ entries: unknown[]; pagination?: unknown; cursor: unknown }>;
    /** The page a cursor's action leads to. */
    traverseCursor: (
      this: Backend,
      cursor: import('decap-cms-lib-util').Cursor,
      action: string,
    ) => Promise<{ entries: unknown[]; cursor: unknown }>;
  }
}

/** The pagination cursor Decap's core and backends share (the package ships no types). */
declare module 'decap-cms-lib-util' {
  /** An Immutable map read by key. */
  interface CursorData {
    get: (key: string) => unknown;
  }
  export class Cursor {
    static create(fields: { actions?: string[]; data?: object; meta?: object }): Cursor;
    readonly data: CursorData;
    wrapData(data: object): Cursor;
    unwrapData(): [CursorData, Cursor];
  }
}

/** Decap's Redux store, read by the image control's wrapper (cms/react/FreshAssetControl.ts). */
declare module 'decap-cms-core/dist/esm/redux/index.js' {
  export const store: {
    getState: () => { medias: unknown };
    subscribe: (listener: () => void) => () => void;
  };
}

/** decap-cms-locales ships no types; each export is a phrase table for Decap's UI. */
declare module 'decap-cms-locales' {
  export const zh_Hans: Record<string, unknown>;
}

declare module 'virtual:site-data' {
  /** Settings, columns and districts, read at build time by src/integrations/site-data.ts. */
  const data: import('./lib/site-data-source.ts').SiteData;
  export default data;
}

declare module 'virtual:site-data/stories' {
  /** [id, title] of every story public at build time, newest first. */
  const stories: [string, string][];
  export default stories;
}

declare module 'virtual:cms-bundle' {
  /** The URLs of /admin/'s CMS script and styles, from src/integrations/cms-bundle.ts. */
  const assets: import('./integrations/cms-bundle.ts').CmsAssets;
  export default assets;
}

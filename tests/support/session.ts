import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startSite, type RunningSite } from './server.ts';

/** The built site and a Chromium, shared by the tests of one file. */
export interface SiteSession {
  site: RunningSite;
  browser: Browser;
}

/**
 * Starts the built site and Chromium before the file's tests and stops both
 * after them. Read `session.site` and `session.browser` inside tests only:
 * they are set once `beforeAll` has run.
 */
export function useSiteSession(env?: Record<string, string>): SiteSession {
  const session = {} as SiteSession;
  beforeAll(async () => {
    [session.site, session.browser] = await Promise.all([startSite(env), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser.close();
    await session.site.stop();
  });
  return session;
}

/**
 * The entry of /admin/'s script: built once per version of its sources by
 * src/integrations/cms-bundle.ts (not by Astro's page build), so a content
 * publish does not bundle Decap CMS again.
 */
import { startCms } from './main.ts';
import { startPublishBadge } from './publish-badge.ts';
import { resolveEnvironment } from './runtime.ts';

startCms(resolveEnvironment(document.getElementById('cms-env')?.textContent ?? '{}', window.location));
const badge = document.getElementById('publish-badge');
if (badge) startPublishBadge(badge);

import type { APIRoute } from 'astro';
import { handleCmsGit } from '../../../server/cms-git/handler.ts';
import { getServices } from '../../../server/services.ts';

export const prerender = false;

/**
 * /api/cms/git/: the newsroom's own Git backend of the CMS (CMS_BACKEND=newsroom), for signed-in editors
 * only; see src/server/cms-git/handler.ts. Every method reaches the handler, so that a request without a
 * session is refused with 401 whatever it asks.
 */
export const ALL: APIRoute = ({ request }) =>
  handleCmsGit(request, { inbox: getServices().inbox, env: process.env });

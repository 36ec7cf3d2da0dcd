import type { APIRoute } from 'astro';
import { getServices } from '../../../../server/services.ts';
import { echoTargetFromEnv, handleEcho } from '../../../../server/tips/echo.ts';
import { inboxContext, signedInEditor } from '../../_components/context.ts';

export const prerender = false;

/** POST /inbox/tips/<id>/echo/: publishes the tip's summary on the 回音 board (the middleware checked the session). */
export const POST: APIRoute = async ({ request, params, locals, clientAddress }) => {
  const id = Number(params['id']);
  if (!Number.isSafeInteger(id)) return new Response(null, { status: 404 });
  const ctx = await inboxContext(clientAddress);
  return handleEcho(request, getServices().inbox, signedInEditor(locals), id, {
    target: await echoTargetFromEnv(),
    districtNames: ctx.districtNames,
  });
};

import type { APIRoute } from 'astro';
import { getServices } from '../../../../server/services.ts';
import { handleReply } from '../../../../server/tips/replies.ts';
import { signedInEditor } from '../../_components/context.ts';

export const prerender = false;

/** POST /inbox/tips/<id>/reply/: an editor's reply to the reader (the middleware checked the session). */
export const POST: APIRoute = ({ request, params, locals }) => {
  const id = Number(params['id']);
  if (!Number.isSafeInteger(id)) return new Response(null, { status: 404 });
  return handleReply(request, getServices().inbox, signedInEditor(locals), id);
};

import type { APIRoute } from 'astro';
import { getServices } from '../../../server/services.ts';
import { handlePhoto } from '../../../server/inbox/handlers.ts';

export const prerender = false;

/** GET /inbox/photos/<id>/: a tip's photo, for signed-in editors only. */
export const GET: APIRoute = ({ request, params }) =>
  handlePhoto(request, getServices().inbox, params['id'] ?? '');

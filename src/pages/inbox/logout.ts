import type { APIRoute } from 'astro';
import { getServices } from '../../server/services.ts';
import { handleLogout } from '../../server/inbox/handlers.ts';

export const prerender = false;

/** POST /inbox/logout/: ends the session on the server. */
export const POST: APIRoute = ({ request }) => handleLogout(request, getServices().inbox);

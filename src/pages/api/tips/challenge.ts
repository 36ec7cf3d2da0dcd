import type { APIRoute } from 'astro';
import { getServices } from '../../../server/services.ts';
import { handleChallenge } from '../../../server/tips/challenge.ts';

export const prerender = false;

/** GET /api/tips/challenge/: a proof-of-work challenge for the tip form's script. */
export const GET: APIRoute = ({ request }) => handleChallenge(request, getServices().tips);

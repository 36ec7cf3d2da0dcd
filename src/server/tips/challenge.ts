import type { ProofOfWork } from '../security/pow.ts';

/** GET /api/tips/challenge/: a fresh signed proof-of-work challenge for the form's script. */
export async function handleChallenge(_request: Request, deps: { pow: ProofOfWork }): Promise<Response> {
  const challenge = await deps.pow.create();
  return Response.json(challenge, { headers: { 'Cache-Control': 'no-store' } });
}

import type { APIRoute } from 'astro';
import { qrSvg, tipFormUrl } from './_components/qr.ts';

/** /hotline/qr.svg: the QR code for the printed paper, generated at build time. */
export const GET: APIRoute = async ({ site }) =>
  new Response(await qrSvg(tipFormUrl(site)), { headers: { 'Content-Type': 'image/svg+xml' } });

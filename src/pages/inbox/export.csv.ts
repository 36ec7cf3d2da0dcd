import type { APIRoute } from 'astro';
import { getServices } from '../../server/services.ts';
import { handleExport } from '../../server/inbox/handlers.ts';
import { inboxContext } from './_components/context.ts';

export const prerender = false;

/** GET /inbox/export.csv: the filtered tips as CSV (UTF-8 with BOM, formula-safe). */
export const GET: APIRoute = async ({ request, clientAddress }) =>
  handleExport(request, getServices().inbox, await inboxContext(clientAddress));

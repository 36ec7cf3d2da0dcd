import type { APIRoute, GetStaticPaths } from 'astro';
import { readFile } from 'node:fs/promises';
import { getIssues } from '../_data.ts';

/** Each page's PDF, copied from beside the edition's file: /editions/2026-04-26/5.pdf. */
export const getStaticPaths = (async () =>
  (await getIssues()).flatMap((issue) =>
    issue.pages.map((page) => ({
      params: { date: issue.date, page: String(page.page) },
      props: { file: page.pdfFile },
    })),
  )) satisfies GetStaticPaths;

/** The PDF's bytes, as a static file of the build. */
export const GET: APIRoute<{ file: string }> = async ({ props }) =>
  new Response(await readFile(props.file), { headers: { 'Content-Type': 'application/pdf' } });

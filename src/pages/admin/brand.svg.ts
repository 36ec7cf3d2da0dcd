import type { APIRoute } from 'astro';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSettings } from '../../lib/site-data.ts';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * /admin/brand.svg: the paper's mark (the site's icon, public/favicon.svg)
 * beside the paper's and the section's names, for Decap's login page and
 * header, which show one image where Decap's own logo would be. Built from the
 * site settings, so renaming the paper renames the CMS too.
 */
export const GET: APIRoute = async () => {
  const settings = await getSettings();
  // The build runs in the project root; public/ is copied as is, so the icon is read from there.
  const icon = await readFile(join(process.cwd(), 'public', 'favicon.svg'), 'utf8');
  const mark = icon.replace('<svg ', '<svg x="4" y="4" width="64" height="64" ');
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="72" viewBox="0 0 300 72">',
    `<title>${escapeXml(`${settings.paperName} · ${settings.siteName}`)}</title>`,
    mark,
    `<text x="80" y="32" font-family="'Noto Serif CJK SC','Source Han Serif SC',serif" font-size="26" font-weight="700" fill="#1c1c1c">${escapeXml(settings.paperName)}</text>`,
    `<text x="80" y="60" font-family="'Noto Sans CJK SC',sans-serif" font-size="18" fill="#b0161e">${escapeXml(settings.siteName)}</text>`,
    '</svg>',
  ].join('');
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};

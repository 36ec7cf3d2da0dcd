/**
 * Where the inbox's sign-in may send an editor back to. Kept apart from the
 * admin gate so that the sign-in handler imports nothing else of the CMS.
 */

/** Where a signed-in editor may be sent back to after the sign-in: a path of the CMS or the inbox, nothing else. */
const RETURN_PATH = /^\/(admin|inbox)\/[A-Za-z0-9/_.-]*$/;

/**
 * The `next` of a sign-in as a path on this site, or undefined: anything that
 * is not a plain /admin/ or /inbox/ path (another origin, `//host`, a
 * scheme, `..`) is dropped, so the sign-in page cannot send an editor elsewhere.
 */
export function returnPath(next: string | null | undefined): string | undefined {
  if (next === null || next === undefined || !RETURN_PATH.test(next) || next.includes('..')) return undefined;
  return next;
}

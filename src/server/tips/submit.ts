import { t } from '../../i18n/t.ts';
import { SPAM_LIMITS, TIP_LIMITS } from '../config.ts';
import type { Db } from '../db.ts';
import type { ProofOfWork } from '../security/pow.ts';
import type { AddressHasher, SlidingWindowLimiter } from '../security/ratelimit.ts';
import { EMPTY_VALUES, readValues, validateValues, type FieldErrors, type TipValues } from './fields.ts';
import { cleanPhoto, type CleanPhoto } from './photos.ts';
import { insertTip } from './store.ts';

/** Long-lived collaborators of the tips endpoint. */
export interface TipServices {
  db: Db;
  photosDir: string;
  /** Ids of the districts collection. */
  districts: readonly string[];
  pow: ProofOfWork;
  addresses: AddressHasher;
  perAddress: SlidingWindowLimiter;
  perAddressNoPow: SlidingWindowLimiter;
  globalNoPow: SlidingWindowLimiter;
  now: () => number;
  /** Hourly limits; {@link SPAM_LIMITS} unless the operator scaled them (TIPS_RATE_LIMIT_FACTOR). */
  limits: { perHour: number; perHourNoPow: number; globalPerHourNoPow: number };
}

/** What the endpoint decided about one POST. */
export type TipOutcome =
  | { kind: 'accepted'; ref: string }
  | {
      kind: 'rejected';
      status: number;
      values: TipValues;
      errors: FieldErrors;
      formError?: string;
      /** Whether the reader had chosen photos that the re-rendered form cannot keep. */
      photosLost: boolean;
    };

/** Where a reader lands after a tip is accepted (an on-demand GET of the endpoint itself). */
export function confirmationUrl(ref: string): string {
  return `/api/tips/?ref=${encodeURIComponent(ref)}`;
}

function rejected(
  status: number,
  values: TipValues,
  errors: FieldErrors,
  formError?: string,
  photosLost = false,
): TipOutcome {
  return formError === undefined
    ? { kind: 'rejected', status, values, errors, photosLost }
    : { kind: 'rejected', status, values, errors, formError, photosLost };
}

/**
 * Decides about one submitted tip. Order matters: cheap checks first (size,
 * honeypot, fields, rate limits), then proof of work, then the expensive
 * photo work, then one durable write. Nothing about the request is stored
 * except what the reader typed and the cleaned photos; the client address is
 * only ever used as a keyed hash in memory.
 */
export async function processTip(
  request: Request,
  services: TipServices,
  clientAddress: string,
): Promise<TipOutcome> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > TIP_LIMITS.requestBytesMax) {
    return rejected(413, EMPTY_VALUES, {}, t('hotline.err.tooLarge'));
  }
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded')) {
    return rejected(415, EMPTY_VALUES, {}, t('hotline.err.badRequest'));
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    // The adapter's bodySizeLimit surfaces as an error while the body is read (chunked uploads have no length).
    const tooLarge = /size|limit|large/i.test((error as Error).message);
    return rejected(
      tooLarge ? 413 : 400,
      EMPTY_VALUES,
      {},
      t(tooLarge ? 'hotline.err.tooLarge' : 'hotline.err.badRequest'),
    );
  }
  const values = readValues(form);
  const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  const photosLost = files.length > 0;

  const honeypot = form.get('website');
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    return rejected(400, values, {}, t('hotline.err.honeypot'), photosLost);
  }

  const checked = validateValues(values, services.districts);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (files.length > TIP_LIMITS.photosMax) {
    errors.photos = t('hotline.err.photoCount', { count: files.length });
  } else {
    const big = files.find((f) => f.size > TIP_LIMITS.photoBytesMax);
    if (big) errors.photos = t('hotline.err.photoSize', { name: big.name || 'photo' });
  }
  if (!checked.ok || errors.photos !== undefined) return rejected(422, values, errors, undefined, photosLost);

  const now = services.now();
  const keys = services.addresses.keys(clientAddress);
  const powField = form.get('pow');
  const hasPow = typeof powField === 'string' && powField !== '';
  if (services.perAddress.count(keys) >= services.limits.perHour) {
    return rejected(429, values, {}, t('hotline.err.rateLimited'), photosLost);
  }
  if (!hasPow) {
    // Without JavaScript there is no proof of work and no signed start time, so the limits are tighter.
    if (
      services.perAddressNoPow.count(keys) >= services.limits.perHourNoPow ||
      services.globalNoPow.count(['all']) >= services.limits.globalPerHourNoPow
    ) {
      return rejected(429, values, {}, t('hotline.err.rateLimited'), photosLost);
    }
  }

  if (hasPow) {
    const pow = await services.pow.verify(powField);
    if (!pow.ok) return rejected(400, values, {}, t('hotline.err.pow'), photosLost);
    if (now - pow.issuedAt < SPAM_LIMITS.minFillSeconds * 1000) {
      return rejected(400, values, {}, t('hotline.err.tooFast'), photosLost);
    }
  }
  const photos: CleanPhoto[] = [];
  for (const file of files) {
    const result = await cleanPhoto(file);
    if ('error' in result) return rejected(422, values, { photos: result.error }, undefined, photosLost);
    photos.push(result);
  }

  const ref = insertTip(services.db, services.photosDir, checked.tip, photos, new Date(now));
  services.perAddress.hit(keys);
  if (!hasPow) {
    services.perAddressNoPow.hit(keys);
    services.globalNoPow.hit(['all']);
  }
  return { kind: 'accepted', ref };
}

/** Whether the client asked for JSON (the form's script does; a plain form post does not). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * Turns an outcome into a response, except a rejected plain-form POST, for
 * which it returns undefined: the page re-renders the form with the values.
 */
export function outcomeResponse(outcome: TipOutcome, request: Request): Response | undefined {
  if (outcome.kind === 'accepted') {
    if (wantsJson(request)) {
      return Response.json({ ref: outcome.ref, location: confirmationUrl(outcome.ref) }, { status: 201 });
    }
    return new Response(null, { status: 303, headers: { Location: confirmationUrl(outcome.ref) } });
  }
  if (wantsJson(request)) {
    return Response.json(
      { errors: outcome.errors, formError: outcome.formError ?? null },
      { status: outcome.status },
    );
  }
  return undefined;
}

/**
 * The whole endpoint as `(request, deps) => Response` for callers that do not
 * render HTML: a rejected plain-form POST gets a minimal page listing the
 * messages (the real endpoint re-renders the full form instead).
 */
export async function handleTip(
  request: Request,
  services: TipServices,
  clientAddress: string,
): Promise<Response> {
  let outcome: TipOutcome;
  try {
    outcome = await processTip(request, services, clientAddress);
  } catch (error) {
    console.error('tip not saved:', error);
    outcome = rejected(500, EMPTY_VALUES, {}, t('hotline.err.server'));
  }
  const response = outcomeResponse(outcome, request);
  if (response) return response;
  if (outcome.kind !== 'rejected') throw new Error('unreachable');
  const messages = [outcome.formError, ...Object.values(outcome.errors)].filter((m) => m !== undefined);
  const items = messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('');
  return new Response(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>报料未提交</title><ul>${items}</ul></html>`,
    {
      status: outcome.status,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    },
  );
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

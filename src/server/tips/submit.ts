import { t } from '../../i18n/t.ts';
import { SPAM_LIMITS, TIP_LIMITS } from '../config.ts';
import type { Db, GroupCommit } from '../db.ts';
import type { ProofOfWork } from '../security/pow.ts';
import type { AddressHasher, SlidingWindowLimiter } from '../security/ratelimit.ts';
import { readForm, type FormShape } from './body.ts';
import { canonicalCode, hashReaderCode, newReaderCode } from './code.ts';
import { EMPTY_VALUES, readValues, validateValues, type FieldErrors, type TipValues } from './fields.ts';
import { cleanPhoto, type CleanPhoto } from './photos.ts';
import { receiptsFor } from './receipts.ts';
import { reserve, type Reservation } from './reserve.ts';
import { readerCodeSecret } from './secrets.ts';
import { insertTip } from './store.ts';

/** Long-lived collaborators of the tips endpoint. */
export interface TipServices {
  db: Db;
  /** Tips arriving together share one fsynced commit (see GroupCommit). */
  commits: GroupCommit;
  photosDir: string;
  /** Ids of the districts collection. */
  districts: readonly string[];
  pow: ProofOfWork;
  addresses: AddressHasher;
  perAddress: SlidingWindowLimiter;
  perAddressNoPow: SlidingWindowLimiter;
  globalNoPow: SlidingWindowLimiter;
  /** 查询码 look-ups per address, and failed ones (src/server/tips/reader.ts). */
  lookups: SlidingWindowLimiter;
  lookupFailures: SlidingWindowLimiter;
  now: () => number;
  /** Hourly limits; {@link SPAM_LIMITS} unless the operator scaled them (TIPS_RATE_LIMIT_FACTOR). */
  limits: { perHour: number; perHourNoPow: number; globalPerHourNoPow: number };
}

/** What the endpoint decided about one POST. */
export type TipOutcome =
  | {
      kind: 'accepted';
      ref: string;
      /** Single-use key under which the confirmation page finds the 查询码 to show it once. */
      receipt: string;
    }
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
export function confirmationUrl(ref: string, receipt?: string): string {
  const query = new URLSearchParams({ ref });
  if (receipt !== undefined) query.set('receipt', receipt);
  return `/api/tips/?${query.toString()}`;
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

/** The fields the tip form sends; anything else is refused before it is looked at. */
const TIP_FORM: FormShape = {
  text: new Set([
    'category',
    'district',
    'body',
    'place',
    'when',
    'name',
    'contact',
    'consent',
    'echo',
    'website',
    'pow',
  ]),
  files: 'photos',
  maxBytes: TIP_LIMITS.requestBytesMax,
  maxTextBytes: 256 * 1024,
  // Eleven fields and a few more photos than allowed, so that five photos still get their own message.
  maxParts: 24,
  maxFieldBytes: 64 * 1024,
};

/**
 * Decides about one submitted tip. Order matters: the per-address place is taken before the first await (so
 * concurrent requests cannot all pass the check), then the bounded read of the body, the honeypot, the fields
 * and the no-JS limits, then proof of work, then the expensive photo work, then one durable write; only a
 * stored tip counts against the limits, and only a stored tip is acknowledged. Nothing about the request is
 * stored except what the reader typed and the cleaned photos; the client address is only ever used as a keyed
 * hash in memory.
 */
export async function processTip(
  request: Request,
  services: TipServices,
  clientAddress: string,
): Promise<TipOutcome> {
  const keys = services.addresses.keys(clientAddress);
  const place = reserve([{ limiter: services.perAddress, keys, max: services.limits.perHour }]);
  if (!place) return rejected(429, EMPTY_VALUES, {}, t('hotline.err.rateLimited'));
  let noPowPlace: Reservation | undefined;
  try {
    const outcome = await decide(request, services, keys, (reservation) => {
      noPowPlace = reservation;
    });
    if (outcome.kind === 'accepted') {
      place.commit();
      noPowPlace?.commit();
    }
    return outcome;
  } finally {
    place.release();
    noPowPlace?.release();
  }
}

async function decide(
  request: Request,
  services: TipServices,
  keys: string[],
  holdNoPow: (reservation: Reservation) => void,
): Promise<TipOutcome> {
  const read = await readForm(request, TIP_FORM);
  if (!read.ok) return rejected(read.status, EMPTY_VALUES, {}, read.message);
  const { form } = read;
  const values = readValues(form);
  const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  const photosLost = files.length > 0;

  const honeypot = form.get('website');
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    return rejected(400, values, {}, t('hotline.err.honeypot'), photosLost);
  }

  const checked = validateValues(values, services.districts);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  const photoProblem = checkPhotoFiles(files);
  if (photoProblem !== undefined) errors.photos = photoProblem;
  if (!checked.ok || errors.photos !== undefined) return rejected(422, values, errors, undefined, photosLost);

  const now = services.now();
  const powField = form.get('pow');
  const hasPow = typeof powField === 'string' && powField !== '';
  if (!hasPow) {
    // Without JavaScript there is no proof of work and no signed start time, so the limits are tighter.
    const noPow = reserve([
      { limiter: services.perAddressNoPow, keys, max: services.limits.perHourNoPow },
      { limiter: services.globalNoPow, keys: ['all'], max: services.limits.globalPerHourNoPow },
    ]);
    if (!noPow) return rejected(429, values, {}, t('hotline.err.rateLimited'), photosLost);
    holdNoPow(noPow);
  } else {
    const pow = await services.pow.verify(powField);
    if (!pow.ok) return rejected(400, values, {}, t('hotline.err.pow'), photosLost);
    if (now - pow.issuedAt < SPAM_LIMITS.minFillSeconds * 1000) {
      return rejected(400, values, {}, t('hotline.err.tooFast'), photosLost);
    }
  }
  const photos = await cleanPhotos(files);
  if (!Array.isArray(photos)) return rejected(422, values, { photos: photos.error }, undefined, photosLost);

  const code = newReaderCode();
  let ref: string;
  try {
    ref = await insertTip(
      services.db,
      services.photosDir,
      checked.tip,
      photos,
      new Date(now),
      {
        codeHash: hashReaderCode(readerCodeSecret(services.db), canonicalCode(code) as string),
      },
      services.commits,
    );
  } catch (error) {
    // Never acknowledged: the reader keeps what they typed and is told plainly that nothing was saved.
    console.error('tip not saved:', error);
    return rejected(503, values, {}, t('hotline.err.notStored'), photosLost);
  }
  return { kind: 'accepted', ref, receipt: receiptsFor(services.db).issue(ref, code, now) };
}

/** The photo checks that need no decoding (count and size), shared with the reader's additions. */
export function checkPhotoFiles(files: readonly File[]): string | undefined {
  if (files.length > TIP_LIMITS.photosMax) return t('hotline.err.photoCount', { count: files.length });
  const big = files.find((f) => f.size > TIP_LIMITS.photoBytesMax);
  return big ? t('hotline.err.photoSize', { name: big.name || 'photo' }) : undefined;
}

/** Decodes and re-encodes photos one by one; the first one refused ends it with its message. */
export async function cleanPhotos(files: readonly File[]): Promise<CleanPhoto[] | { error: string }> {
  const photos: CleanPhoto[] = [];
  for (const file of files) {
    const result = await cleanPhoto(file);
    if ('error' in result) return result;
    photos.push(result);
  }
  return photos;
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
      return Response.json(
        { ref: outcome.ref, location: confirmationUrl(outcome.ref, outcome.receipt) },
        { status: 201 },
      );
    }
    return new Response(null, {
      status: 303,
      headers: { Location: confirmationUrl(outcome.ref, outcome.receipt) },
    });
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
    outcome = rejected(503, EMPTY_VALUES, {}, t('hotline.err.server'));
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

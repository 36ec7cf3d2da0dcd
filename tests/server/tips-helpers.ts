import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import sharp from 'sharp';
import { createServices, type Services } from '../../src/server/services.ts';

/** A controllable clock for handler tests. */
export function clock(start = Date.parse('2026-04-26T01:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Real services over a fresh SQLite file in a temporary DATA_DIR. */
export function freshServices(now: () => number, retentionDays = 180): Services {
  const dataDir = mkdtempSync(join(tmpdir(), 'tips-test-'));
  return createServices({ dataDir, retentionDays }, now);
}

export const DISTRICTS = ['dong-chang-fu-qu', 'kai-fa-qu', 'yan-zhou-qu'];

/** The text fields of a valid tip. */
export function validFields(): Record<string, string> {
  return {
    category: 'clue',
    district: 'kai-fa-qu',
    body: '开发区某小区门口的路灯坏了一个多月，晚上很黑，老人孩子出门不方便。',
    place: '开发区某小区门口',
    when: '4月25日晚上',
    name: '王女士',
    contact: '18663513326',
    consent: 'yes',
  };
}

/** A multipart POST to the tips endpoint. */
export function tipRequest(
  fields: Record<string, string>,
  files: File[] = [],
  headers: Record<string, string> = {},
): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('photos', file);
  return new Request('http://127.0.0.1:4321/api/tips/', { method: 'POST', body: form, headers });
}

/** A JPEG that carries camera and GPS EXIF data. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#c04020' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '36/1 27/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '115/1 59/1 0/1',
      },
    })
    .toBuffer();
}

/** Solves a challenge the way the form's script does, and returns the `pow` field. */
export async function solvedPow(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution');
  return JSON.stringify({ challenge, solution });
}

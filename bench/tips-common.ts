import { spawn, type ChildProcess } from 'node:child_process';
import { resolve, join } from 'node:path';
import sharp from 'sharp';

/** Built output to benchmark (ASTRO_OUT_DIR, default ./dist). */
export const DIST = resolve(process.env['ASTRO_OUT_DIR'] ?? 'dist');

/** Starts the production server (src/server/serve.ts around the build) and waits until it answers. */
export async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve('src/server/serve.ts'), join(DIST, 'server', 'entry.mjs')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      TIPS_RATE_LIMIT_FACTOR: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${String(port)}/hotline/`)).ok) return child;
    } catch {
      // not yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A phone-sized JPEG (about 100 KB) for the tips that carry a photo. */
export function samplePhoto(): Promise<Buffer> {
  const noise = Buffer.alloc(1200 * 900 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** One tip as the no-JavaScript form posts it; every `photoEvery`-th carries a photo (0: none, text only). */
export function tipBody(n: number, photo: Buffer, photoEvery = 10): FormData {
  const form = new FormData();
  form.append('category', 'clue');
  form.append('district', 'kai-fa-qu');
  form.append('body', `压测报料第 ${String(n)} 条：开发区某路口红绿灯故障，早高峰车辆拥堵严重。`);
  form.append('consent', 'yes');
  if (photoEvery > 0 && n % photoEvery === 0)
    form.append('photos', new File([new Uint8Array(photo)], 'p.jpg', { type: 'image/jpeg' }));
  return form;
}

/** Posts one tip; returns its reference on a 303, undefined otherwise. */
export async function postTip(
  origin: string,
  n: number,
  photo: Buffer,
  photoEvery = 10,
): Promise<{ status: number; ref?: string }> {
  const response = await fetch(`${origin}/api/tips/`, {
    method: 'POST',
    body: tipBody(n, photo, photoEvery),
    headers: { Origin: origin },
    redirect: 'manual',
  });
  await response.arrayBuffer();
  const location = response.headers.get('location') ?? '';
  const ref = /ref=(XS-\d{8}-\d+)/.exec(location)?.[1];
  return ref ? { status: response.status, ref } : { status: response.status };
}

/** The q-quantile of sorted numbers. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

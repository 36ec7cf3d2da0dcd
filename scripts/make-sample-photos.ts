/**
 * Generates the sample articles' photos: `node scripts/make-sample-photos.ts`.
 *
 * The pictures are abstract, photograph-like scenes (layered SVG gradients
 * and shapes, a little depth-of-field blur, film grain and a vignette)
 * rendered by sharp. They carry no text. Every random choice comes from a
 * seeded generator, so running the script twice writes identical files.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const WIDTH = 1600;
const HEIGHT = 1067;
const QUALITY = 78;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const articlesDir = join(root, 'content', 'articles');

/** Mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const between = (r: Rand, lo: number, hi: number): number => lo + (hi - lo) * r();
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const f = (n: number): string => n.toFixed(1);

/** Shared SVG defs: blur filters for depth of field and glow. */
const FILTERS = `
  <filter id="blur-far" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="6"/></filter>
  <filter id="blur-mid" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="2.2"/></filter>
  <filter id="blur-bokeh" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="9"/></filter>
  <filter id="glow" x="-80%" y="-80%" width="260%" height="260%"><feGaussianBlur stdDeviation="28"/></filter>
  <filter id="soft" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="1.1"/></filter>
`;

function svg(defs: string, body: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(WIDTH)}" height="${String(HEIGHT)}" viewBox="0 0 ${String(WIDTH)} ${String(HEIGHT)}">` +
      `<defs>${FILTERS}${defs}</defs>${body}</svg>`,
  );
}

/** Linear gradient definition, top to bottom unless angles are given. */
function lg(id: string, stops: [number, string][], x2 = 0, y2 = 1): string {
  const s = stops.map(([o, c]) => `<stop offset="${String(o)}" stop-color="${c}"/>`).join('');
  return `<linearGradient id="${id}" x1="0" y1="0" x2="${String(x2)}" y2="${String(y2)}">${s}</linearGradient>`;
}

function rg(id: string, stops: [number, string, number?][], cx = 0.5, cy = 0.5, r = 0.5): string {
  const s = stops
    .map(([o, c, a]) => `<stop offset="${String(o)}" stop-color="${c}" stop-opacity="${String(a ?? 1)}"/>`)
    .join('');
  return `<radialGradient id="${id}" cx="${String(cx)}" cy="${String(cy)}" r="${String(r)}">${s}</radialGradient>`;
}

/** Darkened corners, like a real lens. */
const VIGNETTE_DEF = rg('vignette', [
  [0.55, '#000', 0],
  [1, '#000', 0.55],
]);
const VIGNETTE = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#vignette)"/>`;

/** Soft out-of-focus light discs. */
function bokeh(
  r: Rand,
  n: number,
  area: [number, number, number, number],
  colors: readonly string[],
): string {
  const [x0, y0, x1, y1] = area;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `<circle cx="${f(between(r, x0, x1))}" cy="${f(between(r, y0, y1))}" r="${f(between(r, 10, 42))}" fill="${pick(r, colors)}" opacity="${f(between(r, 0.25, 0.7))}"/>`;
  }
  return `<g filter="url(#blur-bokeh)">${out}</g>`;
}

/** A row of building silhouettes with lit windows. */
function skyline(r: Rand, baseY: number, tone: string, windowColor: string, litShare: number): string {
  let out = '';
  let x = -40;
  while (x < WIDTH + 40) {
    const w = between(r, 120, 260);
    const h = between(r, 180, 420);
    const top = baseY - h;
    out += `<rect x="${f(x)}" y="${f(top)}" width="${f(w)}" height="${f(h + 10)}" fill="${tone}"/>`;
    for (let wy = top + 24; wy < baseY - 30; wy += 34) {
      for (let wx = x + 16; wx < x + w - 24; wx += 30) {
        if (r() < litShare) {
          out += `<rect x="${f(wx)}" y="${f(wy)}" width="14" height="18" fill="${windowColor}" opacity="${f(between(r, 0.45, 0.95))}"/>`;
        }
      }
    }
    x += w + between(r, 4, 30);
  }
  return `<g filter="url(#blur-far)">${out}</g>`;
}

/** A parked electric scooter, seen side-on, as a simple silhouette. */
function scooter(x: number, y: number, s: number, body: string, box: string | null): string {
  const wheel = (cx: number) =>
    `<circle cx="${f(x + cx * s)}" cy="${f(y)}" r="${f(26 * s)}" fill="#1b1b1f"/><circle cx="${f(x + cx * s)}" cy="${f(y)}" r="${f(10 * s)}" fill="#55565c"/>`;
  const deck = `<path d="M ${f(x - 10 * s)} ${f(y - 30 * s)} L ${f(x + 150 * s)} ${f(y - 30 * s)} L ${f(x + 170 * s)} ${f(y - 70 * s)} L ${f(x + 120 * s)} ${f(y - 60 * s)} L ${f(x + 20 * s)} ${f(y - 60 * s)} Z" fill="${body}"/>`;
  const stem = `<path d="M ${f(x + 150 * s)} ${f(y - 20 * s)} L ${f(x + 185 * s)} ${f(y - 140 * s)}" stroke="#26262b" stroke-width="${f(9 * s)}" stroke-linecap="round"/><path d="M ${f(x + 168 * s)} ${f(y - 142 * s)} L ${f(x + 205 * s)} ${f(y - 140 * s)}" stroke="#26262b" stroke-width="${f(8 * s)}" stroke-linecap="round"/>`;
  const seat = `<rect x="${f(x + 10 * s)}" y="${f(y - 78 * s)}" width="${f(90 * s)}" height="${f(18 * s)}" rx="${f(8 * s)}" fill="#222"/>`;
  const crate =
    box === null
      ? ''
      : `<rect x="${f(x - 30 * s)}" y="${f(y - 160 * s)}" width="${f(95 * s)}" height="${f(82 * s)}" rx="${f(6 * s)}" fill="${box}"/><rect x="${f(x - 30 * s)}" y="${f(y - 160 * s)}" width="${f(95 * s)}" height="${f(14 * s)}" rx="${f(6 * s)}" fill="#000" opacity="0.15"/>`;
  return `<g>${wheel(0)}${wheel(165)}${deck}${stem}${seat}${crate}</g>`;
}

/** Warm street at dusk with a lit parcel station: 林东阁's beat. */
function courierDusk(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('sky', [
      [0, '#2b3358'],
      [0.45, '#a8566a'],
      [0.75, '#f0a060'],
      [1, '#f7c98a'],
    ]) +
    lg('road', [
      [0, '#4a3a3a'],
      [1, '#1d1a1f'],
    ]) +
    lg('shop', [
      [0, '#ffe2a8'],
      [1, '#f0a24e'],
    ]) +
    rg('lamp', [
      [0, '#fff2c8', 0.95],
      [1, '#ffb347', 0],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#sky)"/>`;
  body += skyline(r, 640, '#3a2f44', '#ffcf7a', 0.35);
  body += `<rect y="630" width="${String(WIDTH)}" height="${String(HEIGHT - 630)}" fill="url(#road)"/>`;
  // Lane reflections.
  for (let i = 0; i < 9; i++) {
    const x = between(r, 0, WIDTH);
    body += `<path d="M ${f(x)} 660 L ${f(x + between(r, -160, 160))} ${String(HEIGHT)}" stroke="#ffb15c" stroke-width="${f(between(r, 6, 22))}" opacity="0.18" filter="url(#blur-bokeh)"/>`;
  }
  // The station front on the right, glowing.
  body += `<rect x="930" y="360" width="560" height="330" fill="#2a2226"/>`;
  body += `<rect x="960" y="420" width="500" height="250" fill="url(#shop)"/>`;
  for (let sx = 985; sx < 1440; sx += 92) {
    for (let sy = 445; sy < 650; sy += 58) {
      body += `<rect x="${f(sx)}" y="${f(sy)}" width="${f(between(r, 40, 78))}" height="${f(between(r, 22, 44))}" fill="${pick(r, ['#b07845', '#c89058', '#9c6a3c', '#d9a86c'])}" opacity="0.9"/>`;
    }
  }
  body += `<rect x="930" y="360" width="560" height="46" fill="#c8402f"/>`;
  body += `<ellipse cx="1210" cy="560" rx="520" ry="260" fill="#ffb45a" opacity="0.25" filter="url(#glow)"/>`;
  // Street lamps.
  for (const lx of [160, 520, 820]) {
    body += `<rect x="${String(lx)}" y="330" width="10" height="340" fill="#1c1a1e"/>`;
    body += `<circle cx="${String(lx + 5)}" cy="330" r="90" fill="url(#lamp)"/>`;
  }
  body += bokeh(r, 26, [0, 520, WIDTH, 760], ['#ffd28a', '#ff9f5a', '#fff0c0', '#ff7a4a']);
  // Scooters waiting outside, one with a parcel crate.
  body += `<g filter="url(#soft)">${scooter(690, 880, 1.35, '#3d6fb6', '#e6b46e')}${scooter(330, 930, 1.1, '#cf3b32', null)}</g>`;
  body += `<rect y="${String(HEIGHT - 70)}" width="${String(WIDTH)}" height="70" fill="#000" opacity="0.25"/>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** Parcel shelves inside the station, sorted by lettered bays (no letters shown). */
function parcelShelves(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('wall', [
      [0, '#efe3cf'],
      [1, '#cdb89a'],
    ]) +
    lg('floor', [
      [0, '#8a7358'],
      [1, '#4d3e30'],
    ]) +
    rg('window', [
      [0, '#fff8e6', 0.9],
      [1, '#fff8e6', 0],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#wall)"/>`;
  body += `<rect y="860" width="${String(WIDTH)}" height="${String(HEIGHT - 860)}" fill="url(#floor)"/>`;
  body += `<ellipse cx="260" cy="260" rx="420" ry="320" fill="url(#window)"/>`;
  const tags = ['#d8453a', '#3a78c2', '#e8a93a', '#3e9a6a', '#8a5cb8', '#e06a9a'];
  for (let col = 0; col < 4; col++) {
    const x0 = 120 + col * 360;
    const blur = col === 0 || col === 3 ? 'url(#blur-mid)' : 'url(#soft)';
    let shelf = `<rect x="${String(x0)}" y="120" width="320" height="760" fill="#6b6f78"/>`;
    for (let row = 0; row < 5; row++) {
      const y = 150 + row * 145;
      shelf += `<rect x="${String(x0)}" y="${String(y + 120)}" width="320" height="14" fill="#4a4d55"/>`;
      shelf += `<rect x="${String(x0 + 8)}" y="${String(y + 122)}" width="36" height="10" fill="${tags[(col + row) % tags.length] ?? '#d8453a'}"/>`;
      let bx = x0 + 10;
      while (bx < x0 + 300) {
        const w = between(r, 46, 110);
        if (bx + w > x0 + 312) break;
        const h = between(r, 40, 112);
        const tone = pick(r, ['#c99a62', '#b8844e', '#d8b07a', '#a9763f', '#e4d2b0', '#f1ece2', '#5d7fb0']);
        shelf += `<rect x="${f(bx)}" y="${f(y + 120 - h)}" width="${f(w)}" height="${f(h)}" fill="${tone}"/>`;
        shelf += `<rect x="${f(bx + w * 0.2)}" y="${f(y + 126 - h)}" width="${f(w * 0.45)}" height="${f(Math.min(18, h * 0.25))}" fill="#fff" opacity="0.75"/>`;
        shelf += `<rect x="${f(bx)}" y="${f(y + 120 - h)}" width="${f(w)}" height="${f(h)}" fill="#000" opacity="${f(between(r, 0, 0.18))}"/>`;
        bx += w + between(r, 3, 10);
      }
    }
    body += `<g filter="${blur}">${shelf}</g>`;
  }
  // A figure in an orange vest reaching to a shelf, out of focus in the foreground.
  body += `<g filter="url(#blur-far)"><ellipse cx="1320" cy="1010" rx="210" ry="260" fill="#2f3440"/><path d="M 1180 900 Q 1320 760 1460 900 L 1480 1067 L 1160 1067 Z" fill="#e8742c"/><circle cx="1320" cy="730" r="88" fill="#b98a6a"/></g>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** Bright community street with a rider station: 开发区 hero. */
function riderHome(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('sky', [
      [0, '#8fc3ea'],
      [1, '#e6f1f6'],
    ]) +
    lg('ground', [
      [0, '#b9b2a6'],
      [1, '#7d776e'],
    ]) +
    lg('hut', [
      [0, '#f4f1ea'],
      [1, '#d9d3c6'],
    ]) +
    rg('sun', [
      [0, '#fffbe8', 1],
      [1, '#fffbe8', 0],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#sky)"/>`;
  body += `<circle cx="1380" cy="140" r="260" fill="url(#sun)"/>`;
  body += skyline(r, 600, '#b8c2cc', '#e8eef2', 0.5);
  // Trees.
  let trees = '';
  for (let i = 0; i < 9; i++) {
    const x = between(r, 0, WIDTH);
    trees += `<rect x="${f(x - 8)}" y="480" width="16" height="140" fill="#5a4a3a"/><circle cx="${f(x)}" cy="${f(between(r, 430, 480))}" r="${f(between(r, 70, 120))}" fill="${pick(r, ['#5f9a58', '#7ab06a', '#4e8a4c'])}"/>`;
  }
  body += `<g filter="url(#blur-mid)">${trees}</g>`;
  body += `<rect y="600" width="${String(WIDTH)}" height="${String(HEIGHT - 600)}" fill="url(#ground)"/>`;
  // Station kiosk with a red band and open door.
  body += `<rect x="250" y="360" width="700" height="330" fill="url(#hut)"/>`;
  body += `<rect x="250" y="360" width="700" height="58" fill="#c8312b"/>`;
  body += `<rect x="300" y="450" width="220" height="170" fill="#8fb4cf" opacity="0.85"/>`;
  body += `<rect x="560" y="450" width="140" height="240" fill="#6e4a32"/>`;
  body += `<rect x="740" y="450" width="170" height="170" fill="#8fb4cf" opacity="0.85"/>`;
  body += `<rect x="240" y="350" width="720" height="12" fill="#8a1f1c"/>`;
  body += scooter(980, 760, 1.2, '#f2c230', '#f2c230');
  body += scooter(1240, 800, 1.3, '#2f83c9', '#2f83c9');
  body += `<g filter="url(#soft)">${scooter(60, 900, 1.6, '#e8562e', '#e8a03a')}</g>`;
  body += `<rect y="${String(HEIGHT - 90)}" width="${String(WIDTH)}" height="90" fill="#000" opacity="0.12"/>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** Red and white: the apheresis room of a blood station, morning sun through a window. */
function bloodDonation(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('wall', [
      [0, '#f8f6f3'],
      [1, '#e3e0dc'],
    ]) +
    lg('beam', [
      [0, '#fff6dc'],
      [1, '#fff6dc'],
    ]) +
    lg('bag', [
      [0, '#c3182a'],
      [1, '#7e0d1a'],
    ]) +
    lg('chair', [
      [0, '#3f6f9a'],
      [1, '#244a6c'],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#wall)"/>`;
  body += `<rect y="820" width="${String(WIDTH)}" height="${String(HEIGHT - 820)}" fill="#cfcac4"/>`;
  // Window and slanting sunlight.
  body += `<rect x="980" y="90" width="480" height="420" fill="#dbe9f2"/>`;
  body += `<rect x="1214" y="90" width="12" height="420" fill="#c9c4bc"/><rect x="980" y="294" width="480" height="12" fill="#c9c4bc"/>`;
  body += `<path d="M 980 510 L 1460 510 L 900 1067 L 260 1067 Z" fill="url(#beam)" opacity="0.55" filter="url(#blur-far)"/>`;
  // Willow branches beyond the window, soft.
  let willow = '';
  for (let i = 0; i < 14; i++) {
    const x = between(r, 990, 1450);
    willow += `<path d="M ${f(x)} 90 Q ${f(x + between(r, -40, 40))} 250 ${f(x + between(r, -60, 60))} ${f(between(r, 300, 480))}" stroke="#8fbf6a" stroke-width="5" fill="none" opacity="0.7"/>`;
  }
  body += `<g filter="url(#blur-mid)">${willow}</g>`;
  // Separator machine and IV stand.
  body += `<g filter="url(#blur-mid)"><rect x="160" y="420" width="300" height="400" rx="16" fill="#e9ecef"/><rect x="190" y="450" width="240" height="130" rx="8" fill="#2c3e50"/><rect x="205" y="465" width="210" height="100" rx="6" fill="#3fa7d6" opacity="0.55"/><circle cx="310" cy="690" r="70" fill="#d5dade"/><circle cx="310" cy="690" r="28" fill="#b0b8bf"/></g>`;
  body += `<rect x="640" y="150" width="10" height="680" fill="#9aa3ab"/><rect x="580" y="150" width="130" height="8" fill="#9aa3ab"/>`;
  body += `<path d="M 600 170 L 690 170 L 700 330 Q 645 360 590 330 Z" fill="url(#bag)"/>`;
  body += `<path d="M 645 345 Q 660 520 760 640" stroke="#a01525" stroke-width="6" fill="none"/>`;
  body += `<path d="M 590 330 Q 645 360 700 330 L 698 310 Q 645 340 592 310 Z" fill="#fff" opacity="0.25"/>`;
  // Donor chair in the foreground with a rolled-up sleeve's arm resting.
  body += `<path d="M 620 640 L 1160 610 Q 1230 610 1240 680 L 1260 860 L 600 880 Z" fill="url(#chair)"/>`;
  body += `<rect x="760" y="600" width="320" height="44" rx="22" fill="#b78463"/>`;
  body += `<rect x="700" y="596" width="100" height="52" rx="18" fill="#f4f4f4"/>`;
  body += `<circle cx="770" cy="624" r="12" fill="#ffffff"/>`;
  // Drifting catkins in the light.
  body += bokeh(r, 18, [700, 120, 1500, 700], ['#ffffff', '#fff8e0']);
  body += VIGNETTE;
  return svg(defs, body);
}

/** Café corner decorated with gourds, a reader at a wooden table: 堂邑. */
function gourdCafe(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('wall', [
      [0, '#6a4a34'],
      [1, '#3e2a1f'],
    ]) +
    lg('table', [
      [0, '#b07a48'],
      [1, '#6e4526'],
    ]) +
    lg(
      'gourd',
      [
        [0, '#e9c27a'],
        [1, '#b98237'],
      ],
      1,
      1,
    ) +
    rg('lamp', [
      [0, '#ffe1a3', 0.95],
      [1, '#ffb55e', 0],
    ]) +
    rg('window', [
      [0, '#fff4d8', 0.95],
      [1, '#f6d89a', 0],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#wall)"/>`;
  body += `<ellipse cx="1280" cy="330" rx="420" ry="330" fill="url(#window)"/>`;
  // Shelves of gourds along the back wall, out of focus.
  let shelf = '';
  for (const sy of [300, 520]) {
    shelf += `<rect x="80" y="${String(sy)}" width="820" height="16" fill="#2e1f16"/>`;
    let gx = 120;
    while (gx < 860) {
      const s = between(r, 0.6, 1.1);
      const lower = 42 * s;
      const upper = 26 * s;
      shelf += `<circle cx="${f(gx)}" cy="${f(sy - lower)}" r="${f(lower)}" fill="url(#gourd)"/>`;
      shelf += `<circle cx="${f(gx)}" cy="${f(sy - 2 * lower - upper * 0.8)}" r="${f(upper)}" fill="url(#gourd)"/>`;
      shelf += `<rect x="${f(gx - 3)}" y="${f(sy - 2 * lower - upper * 1.9)}" width="6" height="${f(16 * s)}" fill="#5a3d22"/>`;
      if (r() < 0.4) {
        shelf += `<path d="M ${f(gx - lower * 0.6)} ${f(sy - lower)} Q ${f(gx)} ${f(sy - lower * 1.4)} ${f(gx + lower * 0.6)} ${f(sy - lower)}" stroke="#7a3b1c" stroke-width="4" fill="none"/>`;
      }
      gx += 2 * lower + between(r, 16, 40);
    }
  }
  body += `<g filter="url(#blur-far)">${shelf}</g>`;
  // Hanging lamps.
  for (const lx of [420, 820, 1180]) {
    body += `<rect x="${String(lx - 1)}" y="0" width="3" height="150" fill="#1e140e"/>`;
    body += `<path d="M ${String(lx - 40)} 190 L ${String(lx + 40)} 190 L ${String(lx + 18)} 150 L ${String(lx - 18)} 150 Z" fill="#2a1c12"/>`;
    body += `<circle cx="${String(lx)}" cy="200" r="150" fill="url(#lamp)"/>`;
  }
  body += bokeh(r, 14, [0, 60, WIDTH, 500], ['#ffd58f', '#ffb35c']);
  // Table, cups and an opened brochure (plain colour panels, no text).
  body += `<path d="M 0 780 L ${String(WIDTH)} 720 L ${String(WIDTH)} ${String(HEIGHT)} L 0 ${String(HEIGHT)} Z" fill="url(#table)"/>`;
  body += `<ellipse cx="1110" cy="790" rx="92" ry="26" fill="#f4ede2"/><rect x="1050" y="700" width="120" height="90" rx="14" fill="#f4ede2"/><ellipse cx="1110" cy="702" rx="60" ry="14" fill="#6b3f22"/><path d="M 1170 720 Q 1215 735 1170 770" stroke="#f4ede2" stroke-width="12" fill="none"/>`;
  body += `<path d="M 560 860 L 860 820 L 900 980 L 590 1030 Z" fill="#f7f2e8"/><path d="M 860 820 L 1120 850 L 1140 1010 L 900 980 Z" fill="#efe6d4"/>`;
  body += `<path d="M 600 880 L 830 850 L 850 930 L 615 960 Z" fill="#c98a3d" opacity="0.75"/><path d="M 890 860 L 1090 880 L 1100 940 L 900 925 Z" fill="#6d9a5a" opacity="0.7"/>`;
  // Reader's hands and sleeve.
  body += `<path d="M 380 1067 Q 470 900 600 930 L 640 990 Q 520 1000 500 1067 Z" fill="#c4d3de"/><ellipse cx="615" cy="955" rx="40" ry="28" fill="#d9a784"/>`;
  body += `<path d="M 1400 1067 Q 1260 930 1140 960 L 1120 1010 Q 1230 1010 1280 1067 Z" fill="#c4d3de"/><ellipse cx="1130" cy="985" rx="38" ry="27" fill="#d9a784"/>`;
  // A big gourd in the foreground, soft.
  body += `<g filter="url(#blur-far)"><circle cx="220" cy="900" r="150" fill="url(#gourd)"/><circle cx="220" cy="690" r="92" fill="url(#gourd)"/><rect x="212" y="578" width="16" height="34" fill="#5a3d22"/></g>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** Midday rider station on a commercial street: 兖州 hero. */
function riderStation(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('sky', [
      [0, '#f7e7c4'],
      [1, '#fff8ea'],
    ]) +
    lg('asphalt', [
      [0, '#6a625a'],
      [1, '#3a3632'],
    ]) +
    lg('inside', [
      [0, '#d6ecf4'],
      [1, '#a9cfe0'],
    ]) +
    rg('heat', [
      [0, '#fffdf2', 1],
      [1, '#fff3d0', 0],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#sky)"/>`;
  body += `<circle cx="260" cy="60" r="380" fill="url(#heat)"/>`;
  body += skyline(r, 560, '#c9b9a2', '#f3e6cf', 0.4);
  body += `<rect y="560" width="${String(WIDTH)}" height="${String(HEIGHT - 560)}" fill="url(#asphalt)"/>`;
  body += `<rect y="560" width="${String(WIDTH)}" height="70" fill="#a59a8c"/>`;
  // The station: glass front, people inside as soft shapes.
  body += `<rect x="520" y="250" width="820" height="380" fill="#efe9df"/>`;
  body += `<rect x="520" y="250" width="820" height="64" fill="#d2382f"/>`;
  body += `<rect x="560" y="340" width="740" height="270" fill="url(#inside)"/>`;
  let inside = '';
  for (let i = 0; i < 4; i++) {
    const x = 640 + i * 170 + between(r, -20, 20);
    inside += `<ellipse cx="${f(x)}" cy="560" rx="55" ry="70" fill="${pick(r, ['#f2c230', '#2f83c9', '#f2c230', '#3c3c44'])}"/><circle cx="${f(x)}" cy="470" r="32" fill="#c69a7a"/>`;
  }
  inside += `<rect x="1160" y="380" width="90" height="210" fill="#f8fbff"/><rect x="590" y="390" width="120" height="70" fill="#f0f0f0"/>`;
  body += `<g filter="url(#blur-mid)" opacity="0.9">${inside}</g>`;
  for (let gx = 560; gx <= 1300; gx += 185)
    body += `<rect x="${String(gx)}" y="340" width="8" height="270" fill="#8e949a"/>`;
  // Awning shadow and green plants.
  body += `<path d="M 500 314 L 1360 314 L 1400 360 L 460 360 Z" fill="#a92a23"/>`;
  body += `<g filter="url(#soft)"><ellipse cx="470" cy="590" rx="60" ry="70" fill="#4f8a46"/><rect x="440" y="600" width="60" height="40" fill="#7a5a3a"/><ellipse cx="1390" cy="590" rx="60" ry="70" fill="#4f8a46"/><rect x="1360" y="600" width="60" height="40" fill="#7a5a3a"/></g>`;
  // Parking bay stripes and scooters.
  for (let px = 120; px < WIDTH; px += 230) {
    body += `<path d="M ${String(px)} 700 L ${String(px - 60)} ${String(HEIGHT)}" stroke="#f3e6b0" stroke-width="8" opacity="0.7"/>`;
  }
  body += scooter(200, 880, 1.5, '#f2c230', '#f2c230');
  body += scooter(720, 920, 1.55, '#2f83c9', '#2f83c9');
  body += scooter(1240, 900, 1.45, '#f2c230', '#f2c230');
  body += `<rect y="${String(HEIGHT - 80)}" width="${String(WIDTH)}" height="80" fill="#000" opacity="0.15"/>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** A bank of smart parcel lockers at a community gate: 兖州 figure. */
function parcelLockers(seed: number): Buffer {
  const r = rng(seed);
  const defs =
    lg('bg', [
      [0, '#cfe0d8'],
      [1, '#9fb8ae'],
    ]) +
    lg('metal', [
      [0, '#f3f5f6'],
      [1, '#c6ccd1'],
    ]) +
    lg('pave', [
      [0, '#b3aaa0'],
      [1, '#7a726a'],
    ]) +
    VIGNETTE_DEF;
  let body = `<rect width="${String(WIDTH)}" height="${String(HEIGHT)}" fill="url(#bg)"/>`;
  let trees = '';
  for (let i = 0; i < 10; i++) {
    trees += `<circle cx="${f(between(r, 0, WIDTH))}" cy="${f(between(r, 80, 300))}" r="${f(between(r, 90, 170))}" fill="${pick(r, ['#6fa06a', '#86b57a', '#5a8c58'])}"/>`;
  }
  body += `<g filter="url(#blur-far)">${trees}</g>`;
  body += `<rect y="860" width="${String(WIDTH)}" height="${String(HEIGHT - 860)}" fill="url(#pave)"/>`;
  // Locker bank in perspective-free elevation.
  body += `<rect x="140" y="230" width="1320" height="650" fill="#2f6d4f"/>`;
  body += `<rect x="140" y="230" width="1320" height="40" fill="#1f4c37"/>`;
  const colsW = [110, 110, 110, 110, 110, 200, 110, 110, 110, 110, 110];
  let x = 160;
  colsW.forEach((w, ci) => {
    if (ci === 5) {
      body += `<rect x="${String(x)}" y="290" width="${String(w)}" height="250" rx="6" fill="#1b2733"/><rect x="${String(x + 16)}" y="306" width="${String(w - 32)}" height="150" rx="4" fill="#4fb3e0" opacity="0.7"/><rect x="${String(x)}" y="560" width="${String(w)}" height="300" fill="url(#metal)"/>`;
    } else {
      let y = 290;
      while (y < 850) {
        const h = pick(r, [70, 70, 100, 140]);
        if (y + h > 860) break;
        body += `<rect x="${String(x)}" y="${String(y)}" width="${String(w)}" height="${String(h - 6)}" rx="3" fill="url(#metal)"/>`;
        body += `<rect x="${String(x + w - 22)}" y="${String(y + h / 2 - 10)}" width="8" height="20" rx="3" fill="#8b959c"/>`;
        body += `<circle cx="${String(x + 14)}" cy="${String(y + 12)}" r="4" fill="${r() < 0.7 ? '#4cc46c' : '#e0504a'}"/>`;
        y += h;
      }
    }
    x += w + 8;
  });
  // Sunlight sweep and a courier's blurred arm in the foreground.
  body += `<path d="M 0 0 L 600 0 L 1300 1067 L 700 1067 Z" fill="#fffbe6" opacity="0.12" filter="url(#blur-far)"/>`;
  body += `<g filter="url(#blur-far)"><path d="M 1600 760 Q 1400 740 1250 690 L 1235 740 Q 1390 810 1600 860 Z" fill="#f2c230"/><ellipse cx="1230" cy="710" rx="42" ry="30" fill="#c69a7a"/><rect x="1080" y="640" width="150" height="110" rx="8" fill="#c99a62"/></g>`;
  body += VIGNETTE;
  return svg(defs, body);
}

/** Film grain as a raw greyscale layer, from the seeded generator. */
function grain(seed: number, strength: number): Buffer {
  const r = rng(seed);
  const buf = Buffer.alloc(WIDTH * HEIGHT);
  for (let i = 0; i < buf.length; i++) {
    // Sum of three uniforms: a cheap bell curve centred on 128.
    const n = (r() + r() + r() - 1.5) * strength;
    buf[i] = Math.max(0, Math.min(255, Math.round(128 + n)));
  }
  return buf;
}

async function render(scene: Buffer, seed: number, out: string): Promise<number> {
  const base = await sharp(scene).resize(WIDTH, HEIGHT).removeAlpha().toColourspace('srgb').png().toBuffer();
  const noise = await sharp(grain(seed, 34), { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .toColourspace('srgb')
    .png()
    .toBuffer();
  mkdirSync(dirname(out), { recursive: true });
  const info = await sharp(base)
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: QUALITY, mozjpeg: true, chromaSubsampling: '4:2:0' })
    .toFile(out);
  return info.size;
}

interface Photo {
  slug: string;
  file: 'hero.jpg' | 'photo-2.jpg';
  seed: number;
  scene: (seed: number) => Buffer;
}

const PHOTOS: Photo[] = [
  { slug: 'kai-fa-qu-xin-jiu-ye-qun-ti', file: 'hero.jpg', seed: 101, scene: riderHome },
  { slug: 'tang-yi-hu-lu-ka-fei', file: 'hero.jpg', seed: 404, scene: gourdCafe },
  { slug: 'lin-dong-ge-kuai-di-yuan', file: 'hero.jpg', seed: 606, scene: courierDusk },
  { slug: 'lin-dong-ge-kuai-di-yuan', file: 'photo-2.jpg', seed: 607, scene: parcelShelves },
  { slug: 'nie-xiang-xian-xue-16-nian', file: 'hero.jpg', seed: 707, scene: bloodDonation },
  { slug: 'yan-zhou-xin-xing-ling-yu-dang-jian', file: 'hero.jpg', seed: 808, scene: riderStation },
  { slug: 'yan-zhou-xin-xing-ling-yu-dang-jian', file: 'photo-2.jpg', seed: 809, scene: parcelLockers },
];

for (const photo of PHOTOS) {
  const out = join(articlesDir, photo.slug, photo.file);
  const size = await render(photo.scene(photo.seed), photo.seed, out);
  console.log(`${photo.slug}/${photo.file}  ${String(Math.round(size / 1024))} kB`);
}

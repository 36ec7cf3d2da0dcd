import type { BrowserContext, Page } from 'playwright-core';

/** The localStorage key the 长者模式 panel saves to and the head script reads. */
export const ELDER_KEY = 'swd-elder-mode';

/** One 长者模式 combination, as the panel stores it (default values are left out). */
export interface ElderMode {
  'text-size': '1' | '2' | '3' | '4';
  contrast: 'standard' | 'high';
  'line-spacing': 'standard' | 'wide';
  targets: 'standard' | 'large';
}

/** The largest text with high contrast, wide lines and large targets. */
export const LARGEST: ElderMode = {
  'text-size': '4',
  contrast: 'high',
  'line-spacing': 'wide',
  targets: 'large',
};

/** Every combination of the four settings (4 × 2 × 2 × 2 = 32). */
export function allModes(): ElderMode[] {
  const modes: ElderMode[] = [];
  for (const size of ['1', '2', '3', '4'] as const)
    for (const contrast of ['standard', 'high'] as const)
      for (const spacing of ['standard', 'wide'] as const)
        for (const targets of ['standard', 'large'] as const)
          modes.push({ 'text-size': size, contrast, 'line-spacing': spacing, targets });
  return modes;
}

/** A short name for messages, e.g. "size 4 / high / wide / large". */
export function modeName(mode: ElderMode): string {
  return `size ${mode['text-size']} / ${mode.contrast} / ${mode['line-spacing']} / ${mode.targets}`;
}

/** What the panel would save for this combination: only the settings that differ from the default. */
export function stored(mode: ElderMode): Record<string, string> {
  const defaults: ElderMode = {
    'text-size': '1',
    contrast: 'standard',
    'line-spacing': 'standard',
    targets: 'standard',
  };
  return Object.fromEntries(Object.entries(mode).filter(([k, v]) => defaults[k as keyof ElderMode] !== v));
}

/** Makes every page of the context start with this combination saved, as a returning reader's would. */
export async function presetMode(context: BrowserContext, mode: ElderMode): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      localStorage.setItem(key, value);
    },
    [ELDER_KEY, JSON.stringify(stored(mode))] as const,
  );
}

/** One measured pair of colours. */
export interface ContrastSample {
  what: string;
  ratio: number;
}

/**
 * WCAG contrast of the text of each visible element matching a selector
 * against the background actually behind it (ancestors' backgrounds blended
 * down to the canvas). Measured from computed styles in the page.
 */
export function measureContrast(page: Page, selectors: Record<string, string>): Promise<ContrastSample[]> {
  return page.evaluate((groups) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const n = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a)).concat(1) as Rgba;
    };
    const backgroundOf = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let colour: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const samples: { what: string; ratio: number }[] = [];
    for (const [what, selector] of Object.entries(groups)) {
      for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        const bg = backgroundOf(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
        samples.push({ what: `${what} ${el.tagName.toLowerCase()}`, ratio: (hi + 0.05) / (lo + 0.05) });
      }
    }
    return samples;
  }, selectors);
}

/** Visible controls that are too small: those whose box is below `min` CSS px in either dimension. */
export function smallTargets(page: Page, selector: string, min: number): Promise<string[]> {
  return page.evaluate(
    ([sel, least]) =>
      [...document.querySelectorAll(sel)]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .filter(({ box }) => box.width < least - 0.5 || box.height < least - 0.5)
        .map(
          ({ el, box }) =>
            `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 12)}" ${String(Math.round(box.width))}×${String(Math.round(box.height))}`,
        ),
    [selector, min] as const,
  );
}

/**
 * Decap's object control, with one addition for the 数字报: an object field
 * marked as a story's region (REGION_OPTION, see cms/editions.ts) shows its
 * page's image, and the editor drags a rectangle on it to set x, y, width and
 * height in the image's own pixels. Decap's own number inputs stay below the
 * picture: the keyboard way to set or fine-tune the same four numbers.
 * Other object fields render exactly as before.
 */
import { Component, createElement as h, type ComponentType } from 'react';
import { t } from '../../src/i18n/t.ts';
import { REGION_OPTION } from '../editions.ts';

/** The slice of Decap's Immutable values this control reads. */
interface ImmutableLike {
  get: (key: string) => unknown;
  getIn: (path: string[]) => unknown;
  merge: (values: Record<string, unknown>) => ImmutableLike;
  delete: (key: string) => ImmutableLike;
  clear: () => ImmutableLike;
  toJS: () => unknown;
}

interface ListLike {
  toArray: () => unknown[];
}

/** What Decap passes to an object control (the parts used here; the rest is handed on untouched). */
interface Props {
  field: { get: (key: string) => unknown };
  value: ImmutableLike | undefined;
  entry: ImmutableLike;
  onChange: (value: ImmutableLike) => void;
  getAsset: (path: string, field?: unknown) => unknown;
  forID: string;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface State {
  /** The rectangle being dragged, in image pixels; null when not dragging. */
  draft: Rect | null;
  /** The page chosen by the editor when the region's page cannot be told from the entry. */
  chosen: number;
  /** Shown size over natural size of the page image, once it has loaded. */
  scale: number;
}

const isList = (v: unknown): v is ListLike => typeof v === 'object' && v !== null && 'toArray' in v;
const isMap = (v: unknown): v is ImmutableLike => typeof v === 'object' && v !== null && 'getIn' in v;

/** The pages of the entry, and the indexes of those whose regions hold this very value. */
function pagesOf(entry: ImmutableLike, value: unknown): { pages: ImmutableLike[]; mine: number[] } {
  const list = entry.getIn(['data', 'pages']);
  const pages = isList(list) ? list.toArray().filter(isMap) : [];
  const mine = pages.flatMap((page, i) => {
    const regions = page.get('regions');
    // Decap hands each control the very object stored in the entry, so identity finds the region's page.
    return isList(regions) && regions.toArray().some((r) => isMap(r) && r.get('area') === value) ? [i] : [];
  });
  return { pages, mine };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Wraps Decap's object control so region fields get the drawing surface. */
export function regionAwareObjectControl(Inner: ComponentType<Props>): ComponentType<Props> {
  return class RegionObjectControl extends Component<Props, State> {
    override state: State = { draft: null, chosen: 0, scale: 1 };
    private start: { x: number; y: number } | null = null;

    /** Pointer position in the image's pixels. */
    private toImage(e: { clientX: number; clientY: number; currentTarget: Element }): {
      x: number;
      y: number;
    } {
      const img = e.currentTarget.querySelector('img');
      const box = e.currentTarget.getBoundingClientRect();
      const scale = img && img.clientWidth > 0 ? img.naturalWidth / img.clientWidth : 1;
      const clamp = (v: number, max: number) => Math.max(0, Math.min(Math.round(v * scale), max));
      return {
        x: clamp(e.clientX - box.left, img?.naturalWidth ?? Infinity),
        y: clamp(e.clientY - box.top, img?.naturalHeight ?? Infinity),
      };
    }

    private rectTo(p: { x: number; y: number }): Rect | null {
      if (!this.start) return null;
      const x = Math.min(this.start.x, p.x);
      const y = Math.min(this.start.y, p.y);
      return { x, y, width: Math.abs(p.x - this.start.x), height: Math.abs(p.y - this.start.y) };
    }

    override render() {
      const { field, value, entry, getAsset, onChange, forID } = this.props;
      if (field.get(REGION_OPTION) !== true) return h(Inner, this.props);
      const { pages, mine } = pagesOf(entry, value);
      const index = mine.length === 1 ? (mine[0] ?? 0) : this.state.chosen;
      const page = pages[index];
      const image = page?.get('image');
      const saved = {
        x: num(value?.get('x')),
        y: num(value?.get('y')),
        width: num(value?.get('width')),
        height: num(value?.get('height')),
      };
      const { x, y, width, height } = saved;
      const complete =
        x !== undefined && y !== undefined && width !== undefined && height !== undefined
          ? { x, y, width, height }
          : null;
      const shown = this.state.draft ?? complete;
      const src = typeof image === 'string' && image !== '' ? String(getAsset(image)) : '';
      const chooser =
        mine.length === 1 || pages.length < 2
          ? null
          : h(
              'label',
              { style: { display: 'block', marginBlockEnd: '0.5rem' } },
              `${t('cms.region.choosePage')} `,
              h(
                'select',
                {
                  value: index,
                  onChange: (e: { currentTarget: HTMLSelectElement }) => {
                    this.setState({ chosen: Number(e.currentTarget.value) });
                  },
                },
                pages.map((p, i) =>
                  h('option', { key: i, value: i }, `第${String(num(p.get('page')) ?? '')}版`),
                ),
              ),
            );
      const points = value?.get('points');
      const status =
        typeof points === 'string' && points !== ''
          ? t('cms.region.polygon', { points })
          : shown
            ? t('cms.region.current', { ...shown })
            : t('cms.region.none');
      const surface = !src
        ? h('p', null, t('cms.region.noImage'))
        : h(
            'div',
            {
              'data-region-surface': forID,
              role: 'img',
              'aria-label': t('cms.region.canvas', { page: num(page?.get('page')) ?? '' }),
              style: {
                position: 'relative',
                display: 'inline-block',
                maxInlineSize: '100%',
                cursor: 'crosshair',
                touchAction: 'none',
                userSelect: 'none',
              },
              onPointerDown: (e: PointerEvent & { currentTarget: Element }) => {
                e.preventDefault();
                e.currentTarget.setPointerCapture(e.pointerId);
                this.start = this.toImage(e);
                this.setState({ draft: { ...this.start, width: 0, height: 0 } });
              },
              onPointerMove: (e: PointerEvent & { currentTarget: Element }) => {
                if (this.start) this.setState({ draft: this.rectTo(this.toImage(e)) });
              },
              onPointerUp: (e: PointerEvent & { currentTarget: Element }) => {
                const rect = this.rectTo(this.toImage(e));
                this.start = null;
                this.setState({ draft: null });
                if (!rect || rect.width < 2 || rect.height < 2) return;
                // A drawn rectangle replaces a polygon; the numbers are whole pixels of the image.
                onChange((value ?? entry.clear()).delete('points').merge({ ...rect }));
              },
            },
            h('img', {
              src,
              alt: '',
              draggable: false,
              style: { display: 'block', maxInlineSize: '100%' },
              onLoad: (e: { currentTarget: HTMLImageElement }) => {
                const img = e.currentTarget;
                if (img.naturalWidth > 0) this.setState({ scale: img.clientWidth / img.naturalWidth });
              },
            }),
            shown ? h(RegionBox, { rect: shown, scale: this.state.scale }) : null,
          );
      return h(
        'div',
        null,
        h('p', { style: { margin: '0 0 0.5rem', fontSize: '0.875rem' } }, t('cms.region.draw')),
        chooser,
        surface,
        h('p', { role: 'status', style: { margin: '0.5rem 0', fontSize: '0.875rem' } }, status),
        h(Inner, this.props),
      );
    }
  };
}

/** The rectangle over the picture, scaled from image pixels to the picture's shown size. */
class RegionBox extends Component<{ rect: Rect; scale: number }> {
  override render() {
    const { rect, scale } = this.props;
    const px = (v: number) => `${String(v * scale)}px`;
    return h('span', {
      'data-region-box': '',
      style: {
        position: 'absolute',
        border: '2px solid #b0161e',
        background: 'rgb(176 22 30 / 15%)',
        pointerEvents: 'none',
        insetInlineStart: px(rect.x),
        insetBlockStart: px(rect.y),
        inlineSize: px(rect.width),
        blockSize: px(rect.height),
      },
    });
  }
}

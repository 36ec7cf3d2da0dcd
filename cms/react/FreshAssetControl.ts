/**
 * Decap's image control with a thumbnail that appears once the photo has
 * loaded. Decap hands every control one `getAsset` per collection, the same
 * function for the whole session; its image control asks it for the
 * thumbnail only when the value or that function changes, and the first
 * answer for a photo not yet read from the backend is an empty placeholder.
 * Reopening a saved story (a Figure's photo, the lead photo) therefore left
 * the thumbnail blank for good, while the preview, which redraws on every
 * change of the loaded media, showed the photo. This wrapper hands the
 * control a new `getAsset` whenever Decap's loaded media change, so the
 * control asks again and draws the photo.
 */
import { Component, createElement as h, type ComponentType } from 'react';
import { store } from 'decap-cms-core/dist/esm/redux/index.js';

/** The part of a widget control's props used here. */
interface Props {
  getAsset: (path: string, field?: unknown) => unknown;
}

interface State {
  getAsset: Props['getAsset'];
}

/** Wraps Decap's `image` (or `file`) control; see the module comment. */
export function freshAssetControl<P extends Props>(Inner: ComponentType<P>): ComponentType<P> {
  return class FreshAssetControl extends Component<P, State> {
    override state: State = { getAsset: this.fresh() };
    private medias: unknown = store.getState().medias;
    private unsubscribe: (() => void) | undefined;

    /** A new function each time, calling Decap's current one. */
    private fresh(): Props['getAsset'] {
      return (path, field) => this.props.getAsset(path, field);
    }

    /**
     * Decap's Widget asks its control's shouldComponentUpdate whether to pass new props on; this
     * wrapper says yes and leaves the choice to the image control's own (a photo just inserted from
     * the media library reaches it as a new media path, not as a new value).
     */
    override shouldComponentUpdate(): boolean {
      return true;
    }

    override componentDidMount(): void {
      this.unsubscribe = store.subscribe(() => {
        const medias = store.getState().medias;
        if (medias === this.medias) return;
        this.medias = medias;
        this.setState({ getAsset: this.fresh() });
      });
    }

    override componentWillUnmount(): void {
      this.unsubscribe?.();
    }

    override render() {
      return h(Inner, { ...this.props, getAsset: this.state.getAsset });
    }
  };
}

/**
 * The pinyin-slug widget: for a new entry it proposes an ASCII slug from the
 * title's pinyin and keeps following the title until the editor types a slug
 * of their own; it tidies what they type and refuses anything that is not a
 * valid slug. For an existing entry it only shows the folder name, because a
 * published address must never change.
 */
import { Component, createElement as h } from 'react';
import { t } from '../../src/i18n/t.ts';
import { isValidSlug, normalizeSlug, slugFromTitle } from '../slug.ts';

/** What Decap passes to a widget control (the parts used here). */
export interface ControlProps {
  value: unknown;
  onChange: (value: string) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
  field: { get: (key: string) => unknown };
  /** Deprecated by Decap and possibly stale: use {@link ControlProps.getEntry}. */
  entry: EntryLike;
  /** The current entry, read from Decap's store. */
  getEntry?: () => EntryLike;
}

interface EntryLike {
  get: (key: string) => unknown;
  getIn: (path: string[]) => unknown;
}

interface State {
  /** True once the editor typed their own slug; the title no longer drives it. */
  edited: boolean;
}

/** The folder or file name of a saved entry: "dong-e-wang-pi-xi/index" → "dong-e-wang-pi-xi". */
export function savedSlug(entrySlug: unknown): string {
  return typeof entrySlug === 'string' ? entrySlug.replace(/\/index$/, '') : '';
}

export class SlugControl extends Component<ControlProps, State> {
  override state: State = { edited: false };
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The last suggestion handed to Decap, so a stale `value` prop does not resend it. */
  private lastSent: string | undefined;

  private entry(): EntryLike {
    return this.props.getEntry?.() ?? this.props.entry;
  }

  private isNew(): boolean {
    return this.entry().get('newRecord') === true;
  }

  private suggestion(): string {
    const source = this.props.field.get('source_field');
    const title = this.entry().getIn(['data', typeof source === 'string' ? source : 'title']);
    return typeof title === 'string' ? slugFromTitle(title) : '';
  }

  // Decap only re-renders a control when its own value changes; the title lives elsewhere.
  override shouldComponentUpdate(): boolean {
    return true;
  }

  override componentDidMount(): void {
    this.follow();
    // Decap does not re-render this control on every keystroke in the title, so it also looks now and then.
    this.timer = setInterval(() => {
      this.follow();
    }, 250);
  }

  override componentWillUnmount(): void {
    clearInterval(this.timer);
  }

  override componentDidUpdate(): void {
    this.follow();
  }

  private follow(): void {
    if (!this.isNew() || this.state.edited) return;
    const next = this.suggestion();
    const current = typeof this.props.value === 'string' ? this.props.value : '';
    if (next === current || next === this.lastSent) return;
    this.lastSent = next;
    this.props.onChange(next);
  }

  /** Decap's hook for a widget's own validation; bound so Decap can call it detached. */
  isValid = (): boolean | { error: { type: string; message: string } } => {
    if (!this.isNew()) return true;
    const value = typeof this.props.value === 'string' ? this.props.value : '';
    if (value === '') return { error: { type: 'CUSTOM', message: t('cms.error.slugEmpty') } };
    return isValidSlug(value) ? true : { error: { type: 'CUSTOM', message: t('cms.error.slug') } };
  };

  override render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    if (!this.isNew()) {
      return h(
        'div',
        { className: classNameWrapper },
        h('code', { id: forID, 'data-testid': 'slug-locked' }, savedSlug(this.entry().get('slug'))),
        h('p', { style: { margin: '0.5em 0 0', color: '#595959' } }, t('cms.hint.slugLocked')),
      );
    }
    return h('input', {
      type: 'text',
      id: forID,
      className: classNameWrapper,
      value: typeof this.props.value === 'string' ? this.props.value : '',
      autoComplete: 'off',
      spellCheck: false,
      inputMode: 'url',
      onFocus: setActiveStyle,
      onBlur: (event: { target: { value: string } }) => {
        setInactiveStyle();
        const tidy = normalizeSlug(event.target.value);
        if (tidy !== event.target.value) this.props.onChange(tidy);
      },
      onChange: (event: { target: { value: string } }) => {
        this.setState({ edited: event.target.value !== '' });
        this.props.onChange(event.target.value);
      },
    });
  }
}

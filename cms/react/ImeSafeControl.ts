/**
 * Replacements for Decap's `string` and `text` controls that survive Chinese
 * input methods. Decap's own string control moves the caret after every
 * render and both controls take their value back from the store, which can
 * lag a keystroke behind; either one ends the IME composition early, so
 * "临清" typed through pinyin became "临临清". While a composition is open
 * these controls show the browser's own text and touch neither the caret nor
 * the value; the finished text is handed to Decap when the composition ends.
 */
import { Component, createElement as h } from 'react';

/** What Decap passes to a widget control (the parts used here). */
interface Props {
  value: unknown;
  onChange: (value: string) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
}

interface State {
  /** The text on screen while a composition is open; null otherwise. */
  composing: string | null;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Builds an IME-safe control rendering `<input type=text>` or a growing `<textarea>`. */
function imeSafeControl(tag: 'input' | 'textarea') {
  return class ImeSafeControl extends Component<Props, State> {
    override state: State = { composing: null };
    private el: Field | null = null;
    /** Caret position after the editor's last change, restored if a re-render moved it. */
    private caret: number | null = null;

    // Decap re-renders a control only when its value changes; a composition needs every render.
    override shouldComponentUpdate(): boolean {
      return true;
    }

    override componentDidUpdate(): void {
      const el = this.el;
      if (!el || this.state.composing !== null || this.caret === null) return;
      if (document.activeElement === el && el.selectionStart !== this.caret) {
        el.setSelectionRange(this.caret, this.caret);
      }
      if (tag === 'textarea') this.grow();
    }

    override componentDidMount(): void {
      if (tag === 'textarea') this.grow();
    }

    private grow(): void {
      const el = this.el;
      if (!el) return;
      el.style.blockSize = 'auto';
      el.style.blockSize = `${String(Math.max(el.scrollHeight + 2, 120))}px`;
    }

    override render() {
      const { forID, value, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
      const shown = this.state.composing ?? (typeof value === 'string' ? value : '');
      return h(tag, {
        ref: (el: Field | null) => {
          this.el = el;
        },
        id: forID,
        className: classNameWrapper,
        value: shown,
        ...(tag === 'input'
          ? { type: 'text' }
          : { rows: 5, style: { fontFamily: 'inherit', resize: 'vertical' } }),
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
        onCompositionStart: (e: { currentTarget: Field }) => {
          this.setState({ composing: e.currentTarget.value });
        },
        onCompositionEnd: (e: { currentTarget: Field }) => {
          const text = e.currentTarget.value;
          this.caret = e.currentTarget.selectionStart;
          this.setState({ composing: null });
          onChange(text);
        },
        onChange: (e: { currentTarget: Field; nativeEvent: Event }) => {
          const text = e.currentTarget.value;
          if (this.state.composing !== null || (e.nativeEvent as InputEvent).isComposing) {
            this.setState({ composing: text });
            return;
          }
          this.caret = e.currentTarget.selectionStart;
          onChange(text);
        },
      });
    }
  };
}

export const ImeSafeStringControl = imeSafeControl('input');
export const ImeSafeTextControl = imeSafeControl('textarea');

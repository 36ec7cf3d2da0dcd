/**
 * The preview's story body with its headings numbered as the site numbers
 * them (src/lib/heading-levels.ts: sections start at h2 under the title).
 * Decap renders the body's HTML itself, inside this wrapper, whenever the
 * text changes; an observer renumbers what it drew, so the preview's outline
 * is the page's outline while the editor types.
 */
import { Component, createElement as h, type ReactNode } from 'react';
import { headingLevel, HeadingOutline } from '../../src/lib/heading-outline.ts';

interface Props {
  className: string;
  children?: ReactNode;
}

/**
 * Renames the headings under `root` in document order; returns without
 * touching the DOM when all are right. Headings inside a body component's
 * preview (`data-component`) are the component's own, which on the site are
 * not part of the text the build renumbers, so they are left out here too.
 */
export function renumberHeadings(root: Element): void {
  const outline = new HeadingOutline();
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (heading.closest('[data-component]')) continue;
    const shown = `h${String(outline.next(headingLevel(heading.tagName) ?? 2))}`;
    if (heading.tagName.toLowerCase() === shown) continue;
    const renamed = root.ownerDocument.createElement(shown);
    for (const attribute of heading.attributes) renamed.setAttribute(attribute.name, attribute.value);
    renamed.append(...heading.childNodes);
    heading.replaceWith(renamed);
  }
}

export class BodyHeadings extends Component<Props> {
  private observer: MutationObserver | undefined;

  private readonly attach = (el: HTMLDivElement | null): void => {
    this.observer?.disconnect();
    this.observer = undefined;
    if (!el) return;
    renumberHeadings(el);
    // Renaming is itself a mutation; the second pass finds nothing to change and stops there.
    this.observer = new MutationObserver(() => {
      renumberHeadings(el);
    });
    this.observer.observe(el, { childList: true, subtree: true });
  };

  override componentWillUnmount(): void {
    this.observer?.disconnect();
  }

  override render() {
    return h('div', { className: this.props.className, ref: this.attach }, this.props.children);
  }
}

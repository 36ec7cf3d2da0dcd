/**
 * The preview's story body as the article page draws it. Decap renders the
 * body's HTML itself, inside its own container, whenever the text changes;
 * this wrapper makes that container the page's `.article-body` (the site's
 * rules, such as the first-line indent, select its direct children) and
 * numbers the headings as the site does (src/lib/heading-outline.ts:
 * sections start at h2 under the title), while the editor types.
 */
import { Component, createElement as h, type ReactNode } from 'react';
import { headingLevel, HeadingOutline } from '../../src/lib/heading-outline.ts';

interface Props {
  /** The class of the page's body element. */
  className: string;
  /** The page's scope attribute for that element (cms/site-template.ts). */
  scope: Record<string, string>;
  /** Scope attributes for elements inside the body, by selector: a photo's caption and credit. */
  inner?: readonly (readonly [string, Record<string, string>])[];
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

export class StoryBody extends Component<Props> {
  private observer: MutationObserver | undefined;

  /** Gives Decap's container the page's class and scope, and renumbers; changes nothing when all is right. */
  private settle(wrapper: HTMLDivElement): void {
    const container = wrapper.firstElementChild;
    if (!container) return;
    if (!container.classList.contains(this.props.className)) container.classList.add(this.props.className);
    for (const [name, value] of Object.entries(this.props.scope)) {
      if (container.getAttribute(name) !== value) container.setAttribute(name, value);
    }
    for (const [selector, attributes] of this.props.inner ?? []) {
      for (const el of container.querySelectorAll(selector)) {
        for (const [name, value] of Object.entries(attributes)) {
          if (el.getAttribute(name) !== value) el.setAttribute(name, value);
        }
      }
    }
    renumberHeadings(container);
  }

  private readonly attach = (el: HTMLDivElement | null): void => {
    this.observer?.disconnect();
    this.observer = undefined;
    if (!el) return;
    this.settle(el);
    // Settling is itself a mutation; the next pass finds nothing to change and stops there.
    this.observer = new MutationObserver(() => {
      this.settle(el);
    });
    this.observer.observe(el, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class'],
    });
  };

  override componentWillUnmount(): void {
    this.observer?.disconnect();
  }

  override render() {
    return h('div', { ref: this.attach }, this.props.children);
  }
}

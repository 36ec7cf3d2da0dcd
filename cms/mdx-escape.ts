/**
 * Guards MDX against text typed in the rich-text editor. Decap's markdown
 * serializer writes a typed "<" or "{" as is; in MDX those open a JSX tag or
 * an expression, so "血压<140" or "{备注}" would break the build. Outside the
 * body components' own lines, code and existing escapes, they are written as
 * "\<" and "\{" "\}", which MDX shows as the plain characters.
 */

/** Lines that belong to a body component and must stay exactly as written. */
const COMPONENT_LINE = /^<\/?(?:Figure|PullQuote|FactBox|ProfileCard|HotlineCallout)\b/;

/** Escapes `<`, `{` and `}` in one run of text that is not code. */
function escapeRun(text: string): string {
  return text.replace(/(\\*)([<{}])/g, (whole, slashes: string, char: string) =>
    // An odd number of backslashes means the character is escaped already.
    slashes.length % 2 === 1 ? whole : `${slashes}\\${char}`,
  );
}

/** Escapes one line, leaving `inline code` alone. */
function escapeLine(line: string): string {
  return line
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeRun(part)))
    .join('');
}

/**
 * Escapes MDX-significant characters in the text of a body, keeping
 * component lines, fenced code and the newsroom's blank line after the
 * frontmatter. Text that needs no escaping comes back unchanged.
 */
export function escapeMdxText(body: string): string {
  let fenced = false;
  const lines = body.split('\n').map((line) => {
    if (/^(```|~~~)/.test(line)) {
      fenced = !fenced;
      return line;
    }
    if (fenced || COMPONENT_LINE.test(line)) return line;
    return escapeLine(line);
  });
  return lines.join('\n');
}

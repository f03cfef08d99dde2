/**
 * `<span ${cssProps({ width: '40%' })}>`: set inline style properties through the CSSOM (`element.style`), which the
 * server's Content-Security-Policy (`style-src 'self'`, no 'unsafe-inline') allows. A `style="width:${x}%"` binding
 * writes the style attribute, which that policy blocks, and so does lit's styleMap on its first render.
 */
import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  private set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes on an element: <span ${cssProps({...})}>');
  }

  render(_props: Record<string, string>) {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.set) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.set = new Set(Object.keys(props));
    return noChange;
  }
}

/** Inline style properties (CSS names: `width`, `--wb-head`) set through the CSSOM, allowed by the CSP. */
export const cssProps = directive(CssPropsDirective);

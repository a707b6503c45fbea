// What of a screen the cashier cannot see: elements off the screen, cut off by a panel that scrolls or
// clips, cut short (text wider than its box), or under something else; and panels that have to scroll.
import type { Page } from 'playwright-core';

export function unseen(page: Page, selector: string, mustNotScroll: string[] = []): Promise<string[]> {
  return page.evaluate(({ selector, mustNotScroll }) => {
    const out: string[] = [];
    for (const sel of mustNotScroll) {
      const box = document.querySelector(sel);
      if (box && box.scrollHeight > box.clientHeight + 1) out.push(`${sel} scrolls (${box.scrollHeight} px in ${box.clientHeight} px)`);
    }
    const clipOf = (el: Element): DOMRect | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowY;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return p.getBoundingClientRect();
      }
      return null;
    };
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = el.id || el.getAttribute('for') || el.textContent?.trim().slice(0, 30) || el.tagName;
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) { out.push(`${name} is off the screen`); continue; }
      const clip = clipOf(el);
      if (clip && (r.top < clip.top - 1 || r.bottom > clip.bottom + 1)) { out.push(`${name} is cut off`); continue; }
      if (el.scrollWidth > el.clientWidth + 1) { out.push(`${name} is cut short`); continue; }
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!at || !(el === at || el.contains(at) || at.contains(el))) out.push(`${name} is under ${at?.className || at?.tagName}`);
    }
    return out;
  }, { selector, mustNotScroll });
}

import type { Page } from '@playwright/test';

/**
 * The labels matched by `selector` that a person cannot read whole: text overflowing its box (an
 * ellipsis, a line clamp), a box cut by an ancestor that hides overflow (a scrolling list only
 * counts sideways), or a box overlapping another match. Answers "text: why" for each.
 */
export async function unreadableLabels(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const visible = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter(
      (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden',
    );
    const name = (e: HTMLElement) =>
      (
        e.textContent?.trim() ||
        e.getAttribute('placeholder') ||
        e.getAttribute('aria-label') ||
        e.tagName
      ).slice(0, 40);
    const rects = visible.map((e) => e.getBoundingClientRect());
    visible.forEach((e, i) => {
      const r = rects[i] as DOMRect;
      if (e.scrollWidth > e.clientWidth + 1) problems.push(`${name(e)}: wider than its box`);
      if (e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible')
        problems.push(`${name(e)}: taller than its box`);
      if (e instanceof HTMLInputElement && e.value === '' && e.placeholder) {
        const style = getComputedStyle(e);
        const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room =
          e.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        if (context.measureText(e.placeholder).width > room + 1) problems.push(`${name(e)}: placeholder cut`);
      }
      // Inside a scrolling list, what is out of sight vertically is scrolled to, not cut.
      let scrolled = false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        const sideways = r.left < box.left - 1 || r.right > box.right + 1;
        const vertically =
          !scrolled &&
          !/auto|scroll/.test(style.overflowY) &&
          (r.top < box.top - 1 || r.bottom > box.bottom + 1);
        if (sideways || vertically) {
          problems.push(`${name(e)}: cut by ${a.className || a.tagName}`);
          break;
        }
        if (/auto|scroll/.test(style.overflowY)) scrolled = true;
      }
      for (let j = i + 1; j < visible.length; j++) {
        const o = rects[j] as DOMRect;
        const other = visible[j] as HTMLElement;
        if (e.contains(other) || other.contains(e)) continue;
        if (r.left < o.right - 1 && o.left < r.right - 1 && r.top < o.bottom - 1 && o.top < r.bottom - 1)
          problems.push(`${name(e)}: overlaps ${name(other)}`);
      }
    });
    return problems;
  }, selector);
}

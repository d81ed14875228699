import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Expects the cumulative layout shift since the page loaded (shifts after input excluded) below
 * 0.1, naming the elements that moved when it is not.
 */
export async function expectStableLayout(page: Page): Promise<void> {
  const { total, moved } = await page.evaluate(() => {
    const observer = new PerformanceObserver(() => undefined);
    observer.observe({ type: 'layout-shift', buffered: true });
    const entries = (
      observer.takeRecords() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: {
          node?: Node | null;
          previousRect: DOMRectReadOnly;
          currentRect: DOMRectReadOnly;
        }[];
      })[]
    ).filter((e) => !e.hadRecentInput);
    observer.disconnect();
    const describe = (node?: Node | null): string =>
      node instanceof Element
        ? `${node.tagName.toLowerCase()}.${Array.from(node.classList).join('.')}`
        : String(node?.nodeName);
    return {
      total: entries.reduce((sum, e) => sum + e.value, 0),
      moved: entries.map(
        (e) =>
          `${e.value.toFixed(3)}: ${e.sources
            .map(
              (s) =>
                `${describe(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`,
            )
            .join(', ')}`,
      ),
    };
  });
  expect(
    total,
    `layout shifts on ${page.url()}: ${moved.join('; ')}`,
  ).toBeLessThan(0.1);
}

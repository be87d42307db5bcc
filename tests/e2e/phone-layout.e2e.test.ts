// Every page fits a 390 px phone (no sideways scrolling of the page) and a 1366×768 laptop.
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, see } from './support/browser';
import { browserFlow } from './support/flow';
import { PAGES, TOKEN_STORAGE_KEY } from './support/pages';

const flow = browserFlow();

describe('layout', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    for (const target of PAGES) {
      it(`fits ${viewport.width} px: ${target.name}`, async () => {
        const { page, problems } = await flow.open(viewport);
        if (target.needsToken) {
          await page.addInitScript(
            ([key, token]) => sessionStorage.setItem(key!, token!),
            [TOKEN_STORAGE_KEY, inject('adminToken')],
          );
        }
        await page.goto(`${flow.base}${target.path}`);
        await see(page.getByText(target.ready).first());
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
        expect(problems).toEqual([]);
      });
    }
  }
});

import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@pantau/config';
import { PdfRenderer } from './pdf-renderer';

const renderer = new PdfRenderer(parseEnv(['CHROMIUM_PATH'], process.env).CHROMIUM_PATH);
afterAll(() => renderer.close());

/** A document of `pages` A4 pages, one forced break between each. */
const document = (pages: number) =>
  Array.from({ length: pages }, (_, i) => `<p style="break-after: page">Page ${i + 1}</p>`)
    .join('')
    .replace(/^/, '<!doctype html><html><body>')
    .concat('</body></html>');

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length;

describe('PdfRenderer', () => {
  it('prints each document on its own, one after another and at once, on kept pages', async () => {
    const sizes = [1, 3, 2, 4, 1, 2];
    const inTurn: (number | undefined)[] = [];
    for (const pages of sizes) inTurn.push(pageCount(await renderer.pdf(document(pages))));
    const atOnce = await Promise.all(sizes.map((pages) => renderer.pdf(document(pages))));
    expect(inTurn).toEqual(sizes);
    expect(atOnce.map(pageCount)).toEqual(sizes);
  });
});

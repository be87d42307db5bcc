// A card's charts as one PNG: each chart's SVG drawn onto a canvas, stacked top to bottom.
import type { echarts } from '$lib/charts/echarts';

/** Twice the on-screen size, so the picture stays sharp in a document or a slide. */
const PIXEL_RATIO = 2;
const BACKGROUND = '#ffffff';

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn'));
    image.src = url;
  });
}

export async function chartsPng(charts: readonly echarts.ECharts[]): Promise<Blob> {
  // The charts render as SVG (sharp, light DOM): each one's SVG element, serialised with its
  // namespaces and drawn as an image, is the picture.
  const images = await Promise.all(
    charts.map((chart) => {
      const svg = chart.getDom().querySelector('svg');
      if (!svg) throw new Error('the chart has not been drawn yet');
      const markup = new XMLSerializer().serializeToString(svg);
      return loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`);
    }),
  );
  const sizes = charts.map((chart) => ({ width: chart.getWidth(), height: chart.getHeight() }));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(...sizes.map((s) => s.width)) * PIXEL_RATIO;
  canvas.height = sizes.reduce((sum, s) => sum + s.height, 0) * PIXEL_RATIO;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas to draw the chart on');
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, canvas.width, canvas.height);
  let top = 0;
  images.forEach((image, i) => {
    const size = sizes[i]!;
    context.drawImage(image, 0, top, size.width * PIXEL_RATIO, size.height * PIXEL_RATIO);
    top += size.height * PIXEL_RATIO;
  });
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png');
  });
}

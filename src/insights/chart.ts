import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import type { DayCounts } from './insightsQuery.js';

/** The chart's words, in the reader's language. */
export interface ChartLabels {
  readonly title: string;
  readonly answered: string;
  readonly fallback: string;
  readonly refused: string;
}

// ECharts' ES module entry re-exports its types without file extensions, which TypeScript's
// NodeNext resolution cannot follow; its CommonJS build carries the same API and types.
// The little of the API used here is described instead.
interface SsrChart {
  setOption(option: object): void;
  renderToSVGString(): string;
  dispose(): void;
}
const echarts = createRequire(import.meta.url)('echarts') as {
  init(dom: null, theme: null, options: { renderer: 'svg'; ssr: true; width: number; height: number }): SsrChart;
};

const WIDTH = 800;
const HEIGHT = 360;
const DAY_MS = 86_400_000;

/**
 * Answers per day by outcome, as a PNG: drawn by Apache ECharts' server-side SVG renderer
 * (no browser, no canvas) and rasterized by resvg, since Discord shows PNG attachments
 * inline but not SVG. Days without questions are shown as zero.
 */
export function outcomeChartPng(
  perDay: readonly DayCounts[],
  since: number,
  until: number,
  labels: ChartLabels,
): Buffer {
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  const days: string[] = [];
  for (let t = Math.floor(since / DAY_MS) * DAY_MS; t <= until; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  const series = (key: 'answered' | 'fallback' | 'refused', color: string) => ({
    name: labels[key],
    type: 'bar' as const,
    stack: 'outcome',
    itemStyle: { color },
    data: days.map((day) => byDay.get(day)?.[key] ?? 0),
  });
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: labels.title, left: 'center' },
      textStyle: { fontFamily: 'sans-serif' },
      legend: { top: 32, itemGap: 24 },
      grid: { top: 70, left: 50, right: 20, bottom: 40 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [series('answered', '#3ba55d'), series('fallback', '#faa61a'), series('refused', '#ed4245')],
    });
    const svg = chart.renderToSVGString();
    // Any installed sans-serif font will do; DejaVu Sans ships with most Linux systems.
    const font = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
    return new Resvg(svg, { font }).render().asPng();
  } finally {
    chart.dispose();
  }
}

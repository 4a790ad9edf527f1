import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportChart } from './reportCharts.ts';

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export interface ChartSize {
  width: number;
  height: number;
}

export const defaultChartSize: ChartSize = { width: 720, height: 360 };

/**
 * A chart drawn without a browser: ECharts' server-side SVG renderer, for the printed PDFs and the
 * hub's public page. The SVG names its font families (sans-serif) and fetches nothing: no image,
 * no web font, no link (checked here, so a later option cannot slip one in).
 */
export function chartSvg(chart: ReportChart, size: ChartSize = defaultChartSize): string {
  const instance = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    // A printed chart has no pointer: no tooltip, no hover styles.
    const { tooltip: _pointerOnly, ...option } = chart.option;
    instance.setOption(option);
    const svg = instance.renderToSVGString();
    if (/(?:href|src)\s*=\s*["'](?!#)|url\(\s*["']?(?!#)|@import/i.test(svg))
      throw new Error(`The chart ${chart.name} refers to something outside itself.`);
    return svg;
  } finally {
    instance.dispose();
  }
}

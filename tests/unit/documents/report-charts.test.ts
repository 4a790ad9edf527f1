import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../../src-main/documents/chartSvg.ts';
import {
  issuancePerMonthChart,
  promisesKeptChart,
  publicDaysChart,
  waitsPerHourChart,
  waitsPerStageChart,
  waitsPerWindowChart,
  type ReportChart,
} from '../../../src-main/documents/reportCharts.ts';
import { sampleIssuance, sampleKpi, samplePromises, samplePublic } from '../../support/reportSamples.ts';

/** The words an SVG shows, in the order it draws them. */
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&'));

const seriesOf = (chart: ReportChart) =>
  (chart.option.series as { name: string; data: (number | null)[]; stack?: string }[]) ?? [];

describe('the reports drawn as charts without a browser', () => {
  it('waits per hour: the hours in order, p50 and p90 in minutes, labelled in Bahasa Indonesia', () => {
    const chart = waitsPerHourChart(sampleKpi);
    expect(seriesOf(chart).map((s) => [s.name, s.data])).toEqual([
      ['Median (p50)', [7, 18, 11]],
      ['Persentil ke-90 (p90)', [16, 42, 24]],
    ]);
    const texts = textsOf(chartSvg(chart));
    expect(texts).toEqual(
      expect.arrayContaining([
        'Waktu tunggu per jam',
        'Waktu tunggu (menit)',
        'Jam mulai menunggu',
        'Median (p50)',
        'Persentil ke-90 (p90)',
      ]),
    );
    const hours = texts.filter((t) => /^\d\d\.00$/.test(t));
    expect(hours).toEqual(['08.00', '09.00', '10.00']);
    // The minutes axis reaches past the longest p90 (42 minutes).
    expect(Math.max(...texts.filter((t) => /^\d+$/.test(t)).map(Number))).toBeGreaterThanOrEqual(42);
  });

  it('waits per arrival window and per stage name their groups as the office does', () => {
    const windows = textsOf(chartSvg(waitsPerWindowChart(sampleKpi)));
    expect(windows).toEqual(
      expect.arrayContaining(['Waktu tunggu per jadwal kedatangan', '08:00–09:00', '09:00–10:00']),
    );
    const names: Record<string, string> = { documents: 'Pemeriksaan berkas', interview: 'Wawancara' };
    const stages = textsOf(chartSvg(waitsPerStageChart(sampleKpi, (id) => names[id] ?? id)));
    expect(stages).toEqual(
      expect.arrayContaining(['Waktu tunggu per tahap', 'Pemeriksaan berkas', 'Wawancara']),
    );
    expect(stages).not.toContain('interview');
  });

  it("issuance per month stacks the study's four kinds over the twelve months", () => {
    const chart = issuancePerMonthChart(sampleIssuance);
    const series = seriesOf(chart);
    expect(series.map((s) => s.name)).toEqual([
      'Biasa baru',
      'Biasa penggantian',
      'Elektronik baru',
      'Elektronik penggantian',
    ]);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['paspor']));
    expect(series[0]?.data.slice(0, 2)).toEqual([1082, 1071]);
    const texts = textsOf(chartSvg(chart));
    expect(texts.filter((t) => /^[A-Z][a-z]{2}$/.test(t))).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'Mei',
      'Jun',
      'Jul',
      'Agu',
      'Sep',
      'Okt',
      'Nov',
      'Des',
    ]);
    expect(texts).toEqual(expect.arrayContaining(['Paspor terbit per bulan, 2022', 'Biasa baru', 'Paspor']));
  });

  it('promises kept: on time, late and not printed per promised day', () => {
    const chart = promisesKeptChart(samplePromises);
    expect(seriesOf(chart).map((s) => [s.name, s.data])).toEqual([
      ['Tepat waktu', [9, 10, 8]],
      ['Terlambat', [1, 1, 0]],
      ['Belum dicetak', [0, 1, 0]],
    ]);
    expect(textsOf(chartSvg(chart))).toEqual(
      expect.arrayContaining([
        'Janji tanggal pengambilan per hari',
        '2 Nov',
        '3 Nov',
        '4 Nov',
        'Tepat waktu',
      ]),
    );
  });

  it('the public days: average and p90 wait per day, a day without visits left empty', () => {
    const chart = publicDaysChart(samplePublic);
    expect(seriesOf(chart).map((s) => [s.name, s.data])).toEqual([
      ['Rata-rata', [14, 16.5, 11, 12, 13.5, null, null]],
      ['Persentil ke-90 (p90)', [32, 35, 24, 27, 30, null, null]],
    ]);
    expect(textsOf(chartSvg(chart))).toEqual(
      expect.arrayContaining(['Waktu tunggu per hari', 'Rata-rata', '8 Nov']),
    );
  });

  it('every chart is drawn at once (no animation) and fetches nothing: no link, image or web font', () => {
    const charts = [
      waitsPerHourChart(sampleKpi),
      waitsPerWindowChart(sampleKpi),
      waitsPerStageChart(sampleKpi),
      issuancePerMonthChart(sampleIssuance),
      promisesKeptChart(samplePromises),
      publicDaysChart(samplePublic),
    ];
    for (const chart of charts) {
      expect(chart.option.animation).toBe(false);
      const svg = chartSvg(chart);
      expect(svg.startsWith('<svg')).toBe(true);
      // Only the SVG's own namespaces name an address; a clip path refers to one of its own (#id).
      const withoutNamespaces = svg.replace(/xmlns(?::\w+)?="[^"]*"/g, '');
      expect(withoutNamespaces).not.toMatch(/https?:|href\s*=\s*"(?!#)|url\((?!#)|<image|@import|@font-face/);
    }
  });

  it('a chart that would load an image from elsewhere is refused, not drawn', () => {
    const chart = waitsPerHourChart(sampleKpi);
    const withImage: ReportChart = {
      ...chart,
      option: { ...chart.option, legend: { icon: 'image://http://192.0.2.1/logo.png' } },
    };
    expect(() => chartSvg(withImage)).toThrow(/outside itself/);
  });
});

import { chartSvg } from '../../documents/chartSvg.ts';
import { percentText } from '../../documents/reportSheets.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { defaultFloorConfig } from '../../domain/floor.ts';
import type { OfficeLink } from '../store.ts';
import {
  combinedWaitsNote,
  comparisonRow,
  nationalCharts,
  staleAfterMinutes,
  type NationalColumn,
  type NationalView,
  linkState,
} from './report.ts';

/**
 * The national page as HTML, drawn on the server: no script, no asset from anywhere (the charts are
 * inline SVG from `chartSvg`), Bahasa Indonesia first with English beside it.
 */
const escape = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const style = `
  body { font-family: sans-serif; margin: 0; color: #1b1b1b; background: #f4f6f8; }
  header { background: #1f3a5f; color: #fff; padding: 12px 24px; display: flex; justify-content: space-between; align-items: center; }
  header h1 { font-size: 20px; margin: 0; }
  header form { margin: 0; }
  main { padding: 16px 24px; }
  section { background: #fff; border: 1px solid #d5dbe1; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
  h2 { font-size: 17px; margin: 4px 0 12px; }
  .en { color: #5a6570; font-weight: normal; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { border-bottom: 1px solid #e3e7eb; padding: 6px 8px; text-align: right; }
  th:first-child, td:first-child, td.text { text-align: left; }
  tr.national td { font-weight: bold; background: #eef3f8; }
  .stale { color: #fff; background: #b03a48; border-radius: 4px; padding: 2px 6px; font-weight: bold; }
  .live { color: #1d6b3a; }
  .offices { display: flex; flex-wrap: wrap; gap: 8px 20px; margin-bottom: 8px; }
  .error { background: #fdecee; border: 1px solid #b03a48; color: #7a1d28; padding: 8px 12px; border-radius: 4px; }
  .note { background: #f4f6fa; border-left: 4px solid #5b7fb0; padding: 6px 12px; }
  .charts { display: flex; flex-wrap: wrap; gap: 12px; }
  button { font-size: 15px; padding: 6px 14px; }
  label { font-size: 15px; }
  .signin { max-width: 360px; margin: 80px auto; }
  .signin input { width: 100%; font-size: 16px; padding: 6px; margin: 4px 0 12px; box-sizing: border-box; }
`;

function layout(title: string, body: string, user: string | null): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${style}</style></head>
<body><header><h1>Laporan Nasional Layanan Paspor <span class="en">/ National passport service report</span></h1>
${user ? `<form method="post" action="/national/keluar"><span>${escape(user)}</span> <button type="submit">Keluar / Sign out</button></form>` : ''}
</header><main>${body}</main></body></html>`;
}

export function signInPage(error: Bilingual | null): string {
  return layout(
    'Masuk / Sign in',
    `<section class="signin"><h2>Masuk <span class="en">/ Sign in</span></h2>
${error ? `<p class="error" role="alert">${escape(error.id)}<br><span class="en">${escape(error.en)}</span></p>` : ''}
<form method="post" action="/national/masuk">
<label for="username">Nama pengguna <span class="en">/ Username</span></label>
<input id="username" name="username" autocomplete="username" required maxlength="40">
<label for="password">Kata sandi <span class="en">/ Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Masuk / Sign in</button></form></section>`,
    null,
  );
}

const minutesText = (ms: number | null) => (ms === null ? '–' : (ms / 60_000).toFixed(1).replace('.', ','));
const shareText = (share: number | null) => (share === null ? '–' : percentText(share));

function linkCell(column: NationalColumn): string {
  if (!column.link) return '';
  return column.link.stale
    ? `<span class="stale" data-stale="${escape(column.code)}">Tautan terhenti <span>/ Link stale</span></span>`
    : '<span class="live">Aktif / Live</span>';
}

function comparisonTable(view: NationalView): string {
  const head = [
    ['Kantor', 'Office'],
    ['Tautan', 'Link'],
    ['Dilayani', 'Served'],
    ['Tunggu p50', 'Wait p50 (min)'],
    ['Tunggu p90', 'Wait p90 (min)'],
    ['Dipanggil dalam jadwal', 'Called in window'],
    ['Di luar urutan', 'Out of order'],
    ['Paspor terbit', 'Passports issued'],
    ['Janji tepat waktu', 'Promises kept'],
    ['IKM', 'Index'],
  ];
  const row = (c: NationalColumn, national: boolean) => {
    const cells = comparisonRow(c);
    const f = c.waits.figures;
    return `<tr class="${national ? 'national' : ''}" data-office="${escape(c.code)}">
<td>${escape(cells[0])}</td><td class="text">${linkCell(c)}</td><td>${f.served}</td>
<td>${minutesText(f.wait.count ? f.wait.p50Ms : null)}</td><td>${minutesText(f.wait.count ? f.wait.p90Ms : null)}</td>
<td>${shareText(f.calledInsideWindow.share)}</td><td>${c.waits.outOfOrderCalls}</td>
<td>${c.issuance.jumlah.total}</td><td>${shareText(c.promises.total.onTimeShare)}</td>
<td>${c.ikm.index === null ? '–' : `${c.ikm.index.toFixed(2).replace('.', ',')} (${escape(c.ikm.grade)})`}</td></tr>`;
  };
  return `<table id="comparison"><thead><tr>${head
    .map(([id, en]) => `<th>${escape(id)}<br><span class="en">${escape(en)}</span></th>`)
    .join('')}</tr></thead><tbody>
${view.offices.map((c) => row(c, false)).join('\n')}
${row(view.national, true)}</tbody></table>`;
}

/** A stage by the words of the floor's default configuration (an office's own names stay there). */
function stageName(id: string): string {
  const stage = defaultFloorConfig.stages.find((s) => s.id === id);
  return stage ? `${escape(stage.name.id)} <span class="en">/ ${escape(stage.name.en)}</span>` : escape(id);
}

function stageTable(view: NationalView): string {
  const columns = [...view.offices, view.national];
  const stages = [...new Set(columns.flatMap((c) => c.waits.byStage.map((s) => s.stage)))];
  return `<table id="stages"><thead><tr><th>Tahap <span class="en">/ Stage</span></th>${columns
    .map((c) => `<th>${escape(c.code)}<br><span class="en">p50 / p90</span></th>`)
    .join('')}</tr></thead><tbody>${stages
    .map(
      (stage) =>
        `<tr><td>${stageName(stage)}</td>${columns
          .map((c) => {
            const s = c.waits.byStage.find((b) => b.stage === stage);
            return `<td>${s ? `${minutesText(s.figures.wait.p50Ms)} / ${minutesText(s.figures.wait.p90Ms)}` : '–'}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function issuanceTable(view: NationalView): string {
  const columns = [...view.offices, view.national];
  const months = view.national.issuance.months;
  return `<table id="issuance"><thead><tr><th>Bulan <span class="en">/ Month</span></th>${columns
    .map((c) => `<th>${escape(c.code)}</th>`)
    .join(
      '',
    )}<th>Biasa baru</th><th>Biasa penggantian</th><th>Elektronik baru</th><th>Elektronik penggantian</th></tr></thead><tbody>
${months
  .map(
    (m, i) =>
      `<tr><td>${m.year}-${String(m.month).padStart(2, '0')}</td>${columns
        .map((c) => `<td>${c.issuance.months[i]?.total ?? 0}</td>`)
        .join(
          '',
        )}<td>${m.biasaBaru}</td><td>${m.biasaPenggantian}</td><td>${m.elektronikBaru}</td><td>${m.elektronikPenggantian}</td></tr>`,
  )
  .join('\n')}
<tr class="national"><td>JUMLAH</td>${columns.map((c) => `<td>${c.issuance.jumlah.total}</td>`).join('')}<td>${
    view.national.issuance.jumlah.biasaBaru
  }</td><td>${view.national.issuance.jumlah.biasaPenggantian}</td><td>${view.national.issuance.jumlah.elektronikBaru}</td><td>${
    view.national.issuance.jumlah.elektronikPenggantian
  }</td></tr></tbody></table>`;
}

function promisesTable(view: NationalView): string {
  const columns = [...view.offices, view.national];
  return `<table id="promises"><thead><tr><th>Kantor <span class="en">/ Office</span></th><th>Dijanjikan<br><span class="en">Promised</span></th><th>Tepat waktu<br><span class="en">On time</span></th><th>Terlambat<br><span class="en">Late</span></th><th>Belum dicetak<br><span class="en">Not printed</span></th><th>Diambil<br><span class="en">Collected</span></th></tr></thead><tbody>${columns
    .map(
      (c) =>
        `<tr class="${c.link ? '' : 'national'}"><td>${escape(c.code)}</td><td>${c.promises.total.promised}</td><td>${c.promises.total.printedOnTime}</td><td>${c.promises.total.late}</td><td>${c.promises.total.notPrinted}</td><td>${c.promises.total.collected}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function nationalPage(input: {
  user: string;
  offices: OfficeLink[];
  chosen: readonly string[];
  from: string;
  to: string;
  view: NationalView | null;
  error: Bilingual | null;
  now: number;
}): string {
  const query = new URLSearchParams();
  for (const code of input.chosen) query.append('kantor', code);
  query.set('dari', input.from);
  query.set('sampai', input.to);
  const picker = `<form method="get" action="/national" id="picker">
<div class="offices">${input.offices
    .map((o) => {
      const stale = linkState(o, input.now).stale;
      return `<label><input type="checkbox" name="kantor" value="${escape(o.code)}"${
        input.chosen.includes(o.code) ? ' checked' : ''
      }> ${escape(o.code)} — ${escape(o.name)}${stale ? ' <span class="stale">terhenti / stale</span>' : ''}</label>`;
    })
    .join('')}</div>
<label>Dari <span class="en">/ From</span> <input type="date" name="dari" value="${escape(input.from)}"></label>
<label>Sampai <span class="en">/ To</span> <input type="date" name="sampai" value="${escape(input.to)}"></label>
<button type="submit">Tampilkan / Show</button></form>`;
  const view = input.view;
  const body = `<section><h2>Kantor dan periode <span class="en">/ Offices and period</span></h2>${picker}
${input.error ? `<p class="error" role="alert">${escape(input.error.id)}<br><span class="en">${escape(input.error.en)}</span></p>` : ''}
<p class="en">Tautan terhenti: tidak ada kiriman lebih dari ${staleAfterMinutes} menit / Link stale: nothing received for more than ${staleAfterMinutes} minutes, or the hub is that far behind.</p></section>
${
  view
    ? `<section><h2>Perbandingan kantor <span class="en">/ Offices compared</span></h2>${comparisonTable(view)}
${view.waitsMethod === 'combined' ? `<p class="note" id="waits-method">${escape(combinedWaitsNote.id)}<br><span class="en">${escape(combinedWaitsNote.en)}</span></p>` : ''}
<p><a href="/national/ekspor.csv?${escape(query.toString())}" download>Unduh CSV / Download CSV</a> ·
<a href="/national/ekspor.xlsx?${escape(query.toString())}" download>Unduh XLSX / Download XLSX</a></p></section>
<section><h2>Grafik <span class="en">/ Charts</span></h2><div class="charts">${nationalCharts(view)
        .map(
          (chart) =>
            `<figure data-chart="${escape(chart.name)}">${chartSvg(chart, { width: 620, height: 320 })}</figure>`,
        )
        .join('')}</div></section>
<section><h2>Waktu tunggu per tahap (menit) <span class="en">/ Waits per stage (minutes)</span></h2>${stageTable(view)}</section>
<section><h2>Paspor terbit per bulan <span class="en">/ Passports issued per month</span></h2>${issuanceTable(view)}</section>
<section><h2>Janji tanggal pengambilan <span class="en">/ Pickup promises</span></h2>${promisesTable(view)}</section>`
    : ''
}`;
  return layout('Laporan Nasional / National report', body, input.user);
}

import type { FastifyInstance } from 'fastify';
import type { PublicFiguresView } from '../api/reportViews.ts';
import { isLoketError } from '../domain/errors.ts';
import { localDateOf, plusDays, writtenDate } from '../domain/localTime.ts';
import type { ServiceContext } from '../services/context.ts';
import { chartSvg } from '../documents/chartSvg.ts';
import { publicDaysChart } from '../documents/reportCharts.ts';
import { keepDays } from '../services/reports/dayVisits.ts';
import { exportReport } from '../services/reports/export.ts';
import { publicFigures } from '../services/reports/publicFigures.ts';
import { escapeHtml as escape } from './html.ts';
import { gradeWords, indexText } from '../domain/survey/publishing.ts';

/** How many days /public lists, today included. */
export const publicPageDays = 30;

/** No script, no other host, no framing: the page is its own HTML and inline style. */
const publicCsp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

const style = `body{font:18px 'DejaVu Sans',system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#10243f}
h1{font-size:1.8rem;margin-bottom:.2em}h1 small{display:block;font-size:1rem;font-weight:400;color:#4a5d78}
table{border-collapse:collapse;width:100%;margin:1.5rem 0}th,td{padding:.35em .6em;border-bottom:1px solid #c9d3e0}
th{text-align:left;background:#eef3f9;vertical-align:bottom}td.n{text-align:right;font-variant-numeric:tabular-nums}
.en{color:#4a5d78;font-weight:400}.note{background:#f4f7fb;border-left:4px solid #1f5fa8;padding:.6em 1em}
a{color:#1f5fa8}.ikm{border:2px solid #1f5fa8;border-radius:8px;padding:.2em 1em;margin:1.5rem 0}.ikm h2{font-size:1.2rem}.ikm strong{font-size:1.6rem}figure.chart{margin:1.5rem 0}td:first-child{white-space:nowrap}figure.chart svg{max-width:100%;height:auto}`;

const minutes = (ms: number | null) => (ms === null ? '–' : String(Math.round(ms / 60_000)));
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/**
 * The public daily figures (`/public`): the office's name and, for each of the last 30 days, how
 * many came, the average and p90 wait, the share called inside their window and the passports
 * ready on the promised day. Aggregates only — no name, number, NIK, phone or officer anywhere.
 */
export function publicPage(view: PublicFiguresView): string {
  const rows = [...view.days]
    .sort((a, b) => b.date.localeCompare(a.date))
    .map(
      (d) => `<tr>
<td>${escape(writtenDate(d.date, 'id'))}</td>
<td class="n">${d.visits}</td>
<td class="n">${minutes(d.averageWaitMs)}</td>
<td class="n">${minutes(d.p90WaitMs)}</td>
<td class="n">${percent(d.calledInsideWindowShare)}</td>
<td class="n">${d.readyOnTime.of === 0 ? '–' : `${d.readyOnTime.count} / ${d.readyOnTime.of}`}</td>
</tr>`,
    )
    .join('\n');
  return page(
    view.office,
    `<p>Waktu tunggu dan ketepatan pelayanan paspor, ${publicPageDays} hari terakhir sampai ${escape(writtenDate(view.today, 'id'))}.
<span class="en">Waits and timeliness of the passport service, the last ${publicPageDays} days up to ${escape(writtenDate(view.today, 'en'))}.</span></p>
${surveySection(view.survey ?? null)}
<figure class="chart">${chartSvg(publicDaysChart(view))}</figure>
<table>
<thead><tr>
<th>Tanggal <span class="en">Date</span></th>
<th>Kunjungan <span class="en">Visits</span></th>
<th>Rata-rata tunggu (menit) <span class="en">Average wait (min)</span></th>
<th>Tunggu p90 (menit) <span class="en">90th percentile wait (min)</span></th>
<th>Dipanggil sesuai jadwal <span class="en">Called inside the window</span></th>
<th>Paspor siap tepat waktu <span class="en">Passports ready on time</span></th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Halaman ini hanya memuat angka gabungan dan tidak memuat data pribadi siapa pun.
<span class="en">This page holds aggregate figures only and no one's personal data.</span></p>
<p>p90: 9 dari 10 pemohon menunggu tidak lebih lama dari angka ini. <span class="en">p90: 9 in 10 applicants waited no longer than this.</span></p>
<p><a href="/public.pdf">Versi cetak (PDF)</a> · <span class="en">Printable version (PDF)</span></p>`,
  );
}

/**
 * The satisfaction survey's current index and grade (PermenPANRB 14/2017), with the number of
 * responses: nothing while the period has no answers.
 */
function surveySection(survey: PublicFiguresView['survey'] | null): string {
  if (!survey || survey.index === null || survey.responses === 0) return '';
  const words = survey.grade === null ? null : gradeWords[survey.grade];
  const grade = (locale: 'id' | 'en') =>
    survey.grade === null || !words ? '' : ` (${survey.grade}, ${escape(words[locale])})`;
  return `<section class="ikm" id="ikm">
<h2>Indeks Kepuasan Masyarakat <span class="en">Public satisfaction index</span></h2>
<p>IKM ${escape(survey.label)}: <strong>${indexText(survey.index)}</strong>${grade('id')}, dari ${survey.responses} tanggapan survei.
<span class="en">${indexText(survey.index)}${grade('en')} from ${survey.responses} survey responses.</span></p>
</section>`;
}

/** The page when the hub cannot give the figures: what the service said, in both languages. */
function unavailablePage(office: string, text: { id: string; en: string }): string {
  return page(
    office,
    `<p>${escape(text.id)} <span class="en">${escape(text.en)}</span></p>
<p>Angka harian belum dapat ditampilkan. <span class="en">The daily figures cannot be shown yet.</span></p>`,
  );
}

function page(office: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waktu tunggu harian — ${escape(office)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escape(office)}<small>Angka pelayanan harian · Daily service figures</small></h1>
${body}
</body>
</html>`;
}

/**
 * `GET /public` and `GET /public.pdf`: no sign-in, for anyone on the office's network (and a
 * notice board's printer). Both come from the publicFigures service, which holds aggregates only.
 */
export function servePublicPage(app: FastifyInstance, ctx: ServiceContext, officeName: () => string): void {
  app.get('/public', async (_request, reply) => {
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', publicCsp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store');
    try {
      // The closed days read one at a time first: a cold hub never holds the floor for the page.
      const today = localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone);
      await keepDays(ctx, plusDays(today, -publicPageDays), today);
      return reply.send(publicPage(publicFigures(ctx, { days: publicPageDays })));
    } catch (error) {
      if (!isLoketError(error)) throw error;
      return reply.code(503).send(unavailablePage(officeName(), error.text));
    }
  });
  app.get('/public.pdf', async (_request, reply) => {
    const file = await exportReport(ctx, { report: 'public', format: 'pdf' });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(Buffer.from(file.content, 'base64'));
  });
}

import type { ServiceContext } from '../services/context.ts';
import { showOffice } from '../services/office.ts';
import { escapeHtml } from './html.ts';
import type { NextStep } from './nextSteps.ts';

const escape = escapeHtml;

/**
 * The hub's front page, for the office's IT person: which office, what day the floor thinks it is,
 * whether the hub is healthy, and what to do next (the steps `loket hub` prints). No personal data
 * and no token. The station UIs are served beside it.
 */
export function landingPage(ctx: ServiceContext, steps: readonly NextStep[]): string {
  const office = showOffice(ctx);
  const closed = office.closedToday
    ? `<p class="closed">${escape(office.closedToday.id)} · ${escape(office.closedToday.en)}</p>`
    : '';
  const training = ctx.training
    ? '<p class="training">LATIHAN / TRAINING — bukan lantai sungguhan · not a real floor</p>'
    : '';
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Loket — ${escape(office.config.name)}</title>
<style>body{font:20px system-ui,sans-serif;background:#0b1f3a;color:#fff;margin:3rem}h1{font-size:2rem}h2{font-size:1.4rem}li{margin:.6em 0}a{color:#9cd3ff}pre{background:#1c355e;padding:.4em .6em;white-space:pre-wrap;margin:.3em 0}.closed{color:#ffd166}code{background:#1c355e;padding:.1em .3em}.training{background:repeating-linear-gradient(45deg,#ffd166 0 20px,#1a1a1a 20px 40px);color:#fff;font-weight:700;padding:.5em;text-shadow:0 0 4px #000}</style>
</head>
<body>
${training}
<h1>Loket · ${escape(office.config.name)}</h1>
<p>Hub aktif · Hub running — ${escape(office.today)} (${escape(office.config.timeZone)}), ${escape(office.now)}</p>
${closed}
<h2>Langkah berikutnya · Next steps</h2>
<ol>
${steps.map(stepItem).join('\n')}
</ol>
<p>Kesehatan · Health: <code>/healthz</code> · API: <code>POST /api/&lt;operation&gt;</code> · Events: <code>/api/events</code></p>
</body>
</html>`;
}

function stepItem(step: NextStep): string {
  const page = step.page ? ` <a href="${escape(step.page)}">${escape(step.page)}</a>` : '';
  const run = step.run ? `<pre><code>${escape(step.run)}</code></pre>` : '';
  return `<li>${escape(step.say)}${page}${run}</li>`;
}

import type { ServiceContext } from '../services/context.ts';
import { showOffice } from '../services/office.ts';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The hub's front page, for the office's IT person: which office, what day the floor thinks it is,
 * and whether the hub is healthy. No personal data. The station UIs are served beside it.
 */
export function landingPage(ctx: ServiceContext): string {
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
<style>body{font:20px system-ui,sans-serif;background:#0b1f3a;color:#fff;margin:3rem}h1{font-size:2rem}.closed{color:#ffd166}code{background:#1c355e;padding:.1em .3em}.training{background:repeating-linear-gradient(45deg,#ffd166 0 20px,#1a1a1a 20px 40px);color:#fff;font-weight:700;padding:.5em;text-shadow:0 0 4px #000}</style>
</head>
<body>
${training}
<h1>Loket · ${escape(office.config.name)}</h1>
<p>Hub aktif · Hub running — ${escape(office.today)} (${escape(office.config.timeZone)}), ${escape(office.now)}</p>
${closed}
<p>Kesehatan · Health: <code>/healthz</code> · API: <code>POST /api/&lt;operation&gt;</code> · Events: <code>/api/events</code></p>
</body>
</html>`;
}

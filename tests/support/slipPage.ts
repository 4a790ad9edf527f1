import type { Browser } from 'playwright-core';
import type { DecodedJob } from '../../drivers/ticket-printer/decode.ts';
import { screenshot } from './browser.ts';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/**
 * A slip as the printer printed it, for people to look at: the decoded lines at their size and
 * weight on an 80 mm roll, each QR as a box with what it holds. Saved as a screenshot.
 */
export async function screenshotSlip(browser: Browser, job: DecodedJob, name: string): Promise<void> {
  const lines = job.lines
    .map((line) => {
      const style = `font-size:${12 * line.height}px;font-weight:${line.bold ? 700 : 400};letter-spacing:${(line.width - 1) * 2}px`;
      return `<div style="${style}">${escape(line.text) || '&nbsp;'}</div>`;
    })
    .join('');
  const qrs = job.qr.map((q) => `<div class="qr">QR<br><small>${escape(q)}</small></div>`).join('');
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#ccc">
      <main style="width:380px;margin:12px auto;background:#fff;padding:16px;font-family:monospace;text-align:center;box-shadow:0 2px 6px #0004">
        ${lines}${qrs}${job.cut ? '<hr style="border-top:2px dashed #888">' : ''}
      </main>
      <style>.qr{margin:10px auto;width:160px;height:160px;border:6px solid #000;display:flex;flex-direction:column;justify-content:center;font-weight:700}.qr small{font-weight:400;font-size:10px;word-break:break-all}</style>
    </body></html>`);
    await page.setViewportSize({
      width: 420,
      height: Math.min(2400, (await page.evaluate(() => document.body.scrollHeight)) + 24),
    });
    await screenshot(page, name);
  } finally {
    await page.close();
  }
}

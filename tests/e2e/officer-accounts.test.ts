import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

// The office's administrator manages officers from the supervisor console, not the hub's command
// line: adds one who then works at a counter, changes the role, disables the account, and hands the
// screen over so the officer types a new PIN nobody else sees.

let browser: Browser;
let t: TestHub;
let console_: Page;
let counter: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'dewi', name: 'Dewi Admin', role: 'admin', secret: '314159' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  console_ = await openStation(browser, contexts, `${t.hub.url}/supervisor`, t.pair('supervisor', 'Konsol'), {
    width: 1600,
    height: 1800,
  });
  await officerSignIn(console_, 'dewi', '314159');
  await panel().waitFor();
  counter = await openStation(browser, contexts, `${t.hub.url}/counter`, t.pair('counter', 'Loket 1'));
  // Disabling asks first; the admin answers yes.
  console_.on('dialog', (dialog) => void dialog.accept());
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const panel = () => console_.getByTestId('officer-accounts');
const row = (username: string) => panel().locator(`tr[data-username="${username}"]`);
const news = () => panel().getByTestId('accounts-news');
const problem = () => panel().getByTestId('accounts-problem');

/** Types the two PIN fields of a form, as the officer does with the keyboard handed over. */
async function typePin(form: ReturnType<Page['getByTestId']>, pin: string, again = pin): Promise<void> {
  await form.getByLabel('PIN', { exact: true }).fill(pin);
  await form.getByLabel('Ulangi PIN').fill(again);
}

/** The officer signs in at counter 1 from its sign-in screen: the counter's screen, or the refusal. */
async function counterSignIn(username: string, pin: string): Promise<'counter' | string> {
  await counter.reload();
  await counter.getByLabel('Nama pengguna').waitFor();
  await officerSignIn(counter, username, pin, 1);
  const outcome = counter.locator('[data-screen="counter"]').or(counter.getByTestId('officer-problem'));
  await outcome.first().waitFor();
  if (await counter.locator('[data-screen="counter"]').count()) return 'counter';
  return (await counter.getByTestId('officer-problem').getAttribute('data-code')) ?? '';
}

describe("officers' accounts on the supervisor console", () => {
  it('lists the accounts with role, state and last sign-in', async () => {
    await row('sri').waitFor();
    expect(await row('dewi').textContent()).toContain('Administrator');
    expect(await row('sri').textContent()).toContain('Belum pernah');
    // The admin cannot disable themself: no such button on their own row.
    expect(await row('dewi').getByRole('button', { name: 'Nonaktifkan' }).count()).toBe(0);
    await panel().scrollIntoViewIfNeeded();
    await screenshot(console_, 'officer-accounts');
  });

  it('refuses a short PIN and a taken username in words, and adds an officer who signs in at a counter', async () => {
    const form = panel().getByTestId('add-officer');
    await form.getByLabel('Nama pengguna').fill('putu');
    await form.getByLabel('Nama', { exact: true }).fill('Putu Arta');
    await typePin(form, '1234');
    await form.getByRole('button', { name: 'Tambah petugas' }).click();
    await problem().filter({ hasText: 'PIN minimal 6 angka.' }).waitFor();
    expect(await form.getByLabel('Nama pengguna').inputValue()).toBe('putu');

    await typePin(form, '864209');
    await form.getByRole('button', { name: 'Tambah petugas' }).click();
    await news().filter({ hasText: 'Putu Arta ditambahkan.' }).waitFor();
    await row('putu').waitFor();
    expect(await row('putu').textContent()).toContain('Petugas loket');
    expect(await row('putu').getAttribute('data-enabled')).toBe('true');

    await form.getByLabel('Nama pengguna').fill('PUTU');
    await form.getByLabel('Nama', { exact: true }).fill('Putu Lain');
    await typePin(form, '975310');
    await form.getByRole('button', { name: 'Tambah petugas' }).click();
    await problem().filter({ hasText: 'Nama pengguna putu sudah dipakai.' }).waitFor();

    expect(await counterSignIn('putu', '864209')).toBe('counter');
    // The console shows when Putu last signed in.
    await row('putu').filter({ hasNotText: 'Belum pernah' }).waitFor();
  });

  it('sets the role: the officer is signed out and signs in again with the new role', async () => {
    await row('putu').getByLabel('Peran putu').selectOption('supervisor');
    await news().filter({ hasText: 'Peran Putu Arta sekarang Supervisor.' }).waitFor();
    // The counter Putu was working at asks for a sign-in again, by itself.
    await counter.getByLabel('Nama pengguna').waitFor();
    expect(await counter.locator('[data-screen="counter"]').count()).toBe(0);
    expect(await counterSignIn('putu', '864209')).toBe('counter');
    expect(t.hub.store.officers.userNamed('putu')?.role).toBe('supervisor');
  });

  it('disables the officer: sign-in refused until enabled again', async () => {
    await row('putu').getByRole('button', { name: 'Nonaktifkan' }).click();
    await row('putu').and(panel().locator('[data-enabled="false"]')).waitFor();
    expect(await row('putu').textContent()).toContain('Nonaktif');
    expect(await counterSignIn('putu', '864209')).toBe('UNAUTHORIZED');
    await panel().scrollIntoViewIfNeeded();
    await screenshot(console_, 'officer-accounts-disabled');

    await row('putu').getByRole('button', { name: 'Aktifkan' }).click();
    await row('putu').and(panel().locator('[data-enabled="true"]')).waitFor();
  });

  it('resets the PIN with the officer typing it: the old PIN is refused, the new one accepted', async () => {
    await row('putu').getByRole('button', { name: 'Atur ulang PIN' }).click();
    const handover = panel().getByTestId('pin-handover');
    await handover.waitFor();
    expect(await handover.textContent()).toContain('Serahkan layar kepada Putu Arta');
    for (const field of await handover.locator('input').all())
      expect(await field.getAttribute('type')).toBe('password');

    await typePin(handover, '808182', '808183');
    await handover.getByRole('button', { name: 'Simpan PIN' }).click();
    await problem().filter({ hasText: 'Kedua PIN tidak sama.' }).waitFor();

    await typePin(handover, '808182');
    await panel().scrollIntoViewIfNeeded();
    await screenshot(console_, 'officer-pin-handover');
    await handover.getByRole('button', { name: 'Simpan PIN' }).click();
    await news().filter({ hasText: 'PIN Putu Arta telah diganti.' }).waitFor();
    await handover.waitFor({ state: 'detached' });
    expect(await console_.content()).not.toContain('808182');

    expect(await counterSignIn('putu', '864209')).toBe('UNAUTHORIZED');
    expect(await counterSignIn('putu', '808182')).toBe('counter');
    await screenshot(counter, 'officer-signed-in-after-reset');
  });

  it('logged every change naming the admin, and no PIN or hash anywhere in the log', () => {
    const dewi = t.hub.store.officers.userNamed('dewi')!;
    const putu = t.hub.store.officers.userNamed('putu')!;
    const changes = t.hub.store.events
      .readAfter(0, 10_000)
      .filter(
        (e) =>
          e.type.startsWith('user.') &&
          (e.payload as { user: { username: string } }).user.username === 'putu',
      );
    expect(changes.map((e) => e.type)).toEqual([
      'user.added',
      'user.changed',
      'user.changed',
      'user.changed',
      'user.changed',
    ]);
    for (const event of changes) {
      expect(event.actor).toBe(dewi.id);
      expect(event.payload).toMatchObject({ by: { id: dewi.id, name: 'Dewi Admin', role: 'admin' } });
    }
    expect(changes.at(-1)?.payload).toMatchObject({ pinChanged: true });
    const log = JSON.stringify(t.hub.store.events.readAfter(0, 10_000));
    for (const secret of ['864209', '808182', putu.pinHash, putu.pinSalt]) expect(log).not.toContain(secret);
  });

  it('shows a supervisor the list but no way to change it', async () => {
    const page = await openStation(
      browser,
      contexts,
      `${t.hub.url}/supervisor`,
      t.pair('supervisor', 'Konsol 2'),
    );
    await officerSignIn(page, 'sri', '112233');
    const list = page.getByTestId('officer-accounts');
    await list.locator('tr[data-username="putu"]').waitFor();
    expect(await list.textContent()).toContain('Hanya administrator yang dapat mengubah akun petugas.');
    expect(await list.getByRole('button').count()).toBe(0);
    expect(await list.locator('input, select').count()).toBe(0);
  });
});

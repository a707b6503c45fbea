// First run through the real UI in Chromium, from an empty database: enrolled with a real hub (PGlite)
// from its one-time code, then signed in to as a user who came from the hub and the first payment
// taken; the stand-alone way to a first payment; and the wrong and expired codes refused, nothing written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { rendererDir } from '../../src/main/web/rendererBuild';
import { Station } from '../../src/main/station/station';
import { verifyLedger } from '../../src/main/station/verify';
import { dispatch } from '../../src/main/dispatch';
import { attachLog, logOf } from '../../src/main/station/log/stationLog';
import { readFileSync } from 'node:fs';
import { DEMO_REVENUE_CODES } from '../../src/main/station/demoData';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';
import { money } from '../../src/renderer/format';
import { renderError } from '../../src/shared/errors';
import { makeHub, type TestHub } from '../helpers/hub';
import { ROOT, axeProblems, launchChromium, shot, tenKey } from './harness';
import { completeWithEnter, payAccount } from './counterDay';

type Lang = 'en' | 'es';
const UI = { en, es } as const;

export interface EmptyTill { station: Station; dir: string; web: WebServer; browser: Browser; page: Page; close(): Promise<void> }

/** A station on a new, empty database (as `civictill serve --db new.db` makes it) and Chromium on it. */
export async function openEmptyTill(lang: Lang): Promise<EmptyTill> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-setup-'));
  const station = await Station.open(join(dir, 'new.db'));
  attachLog(station, join(dir, 'logs'));
  const web = await startWebServer(station, { staticDir: rendererDir(ROOT) });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'es' ? 'es-US' : 'en-US', timezoneId: 'America/Denver' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(web.url);
  await page.getByRole('heading', { name: en.setup.title, level: 1 }).waitFor();
  if (lang === 'es') {
    await page.keyboard.press('Alt+E');
    await page.getByRole('heading', { name: es.setup.title, level: 1 }).waitFor();
  }
  return {
    station, dir, web, browser, page,
    async close() { await context.close(); await browser.close(); await web.close(); station.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

async function look(page: Page, lang: Lang, name: string): Promise<void> {
  await shot(page, `${lang}-setup-${name}`);
  if (lang === 'en') expect(await axeProblems(page), `accessibility of ${name}`).toEqual([]);
}

/** A hub with the demo catalogue and accounts, the city's settings and two users of its own. */
export async function cityHub(): Promise<TestHub> {
  const hub = await makeHub();
  await hub.admin('POST', '/v1/admin/directory/users', [{ id: 'maria', name: 'María Ortega', role: 'cashier', pin: '482913' }, { id: 'it', name: 'City IT', role: 'admin', pin: '771942' }]);
  await hub.admin('POST', '/v1/admin/city', { name: 'City of Fairview', address: '1 Civic Plaza, Fairview', timeZone: 'America/Denver' });
  return hub;
}

const count = (s: Station, table: string) => s.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)!.n;

/** Signs in (user ID, Enter, PIN, Enter), opens the drawer with the standard float and takes a cash payment of an account's balance. */
async function firstPayment(till: EmptyTill, lang: Lang, userId: string, pin: string, stationId: string): Promise<void> {
  const { page, station } = till;
  const t = UI[lang];
  await page.getByRole('heading', { name: t.signIn.title }).waitFor();
  await page.locator('#signin-user').fill(userId);
  await page.locator('#signin-user').press('Enter');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: lang === 'en' ? 'Open the drawer' : 'Abrir la caja' }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
  const acct = station.st.sqlGet<{ account_number: string; balance_cents: number }>("SELECT account_number, balance_cents FROM accounts WHERE balance_cents > 0 AND status = 'active' ORDER BY account_number LIMIT 1")!;
  await payAccount(page, acct.account_number);
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(acct.balance_cents, lang));
  const tendered = acct.balance_cents - (acct.balance_cents % 2000) + 2000;
  await tenKey(page, String(tendered));
  await page.keyboard.press('Enter');
  await completeWithEnter(page);
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(tendered - acct.balance_cents, lang));
  await look(page, lang, 'first-payment');
  const receipts = station.st.sqlAll<{ receipt_number: string; cashier_id: string; total_cents: number }>('SELECT receipt_number, cashier_id, total_cents FROM receipts');
  expect(receipts).toEqual([{ receipt_number: `${stationId}-000001`, cashier_id: userId, total_cents: acct.balance_cents }]);
  expect(verifyLedger(station).ok).toBe(true);
}

export async function enrolToFirstPayment(lang: Lang): Promise<void> {
  const hub = await cityHub();
  const till = await openEmptyTill(lang);
  try {
    const { page, station } = till;
    const t = UI[lang];
    await look(page, lang, '01-choose');
    await page.getByRole('button', { name: t.setup.chooseHub }).click();
    await page.getByRole('heading', { name: t.setup.hubTitle }).waitFor();
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST04' });
    await page.locator('#setup-hub').fill(hub.url);
    await page.locator('#setup-code').fill(code);
    await look(page, lang, '02-enrol');
    await page.locator('#setup-code').press('Enter');
    // The directory arrives (a progress bar while it does), then the sign-in, in the hub's city.
    await page.getByRole('heading', { name: t.signIn.title }).waitFor({ timeout: 30_000 });
    await page.getByText('City of Fairview').first().waitFor();
    expect(station.stationId).toBe('ST04');
    expect(count(station, 'accounts')).toBe(200);
    expect(count(station, 'revenue_codes')).toBe(DEMO_REVENUE_CODES.length);
    expect(station.st.sqlAll<{ id: string }>('SELECT id FROM users ORDER BY id').map((u) => u.id)).toEqual(['it', 'maria']);
    await look(page, lang, '03-sign-in');
    await firstPayment(till, lang, 'maria', '482913', 'ST04');
    // Set up: setup is refused now, whoever asks (nobody signed in), and nothing changes.
    const { code: another } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST09' });
    const again = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code: another });
    expect(again.ok ? null : again.error.code).toBe('SETUP_DONE');
    expect(station.stationId).toBe('ST04');
    // The log of the whole first run: the setup is in it, the PIN, the code and the secret are not.
    const logText = logOf(station)!.file.files().map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(logText).toContain('setup.enrolled');
    for (const secret of ['482913', '771942', code, code.replace(/-/g, ''), station.st.sqlGet<{ secret: string }>('SELECT secret FROM hub_link')!.secret]) expect(logText).not.toContain(secret);
  } finally {
    await till.close();
    await hub.cleanup();
  }
}

export async function wrongAndExpiredCode(lang: Lang): Promise<void> {
  const hub = await cityHub();
  const till = await openEmptyTill(lang);
  try {
    const { page, station } = till;
    const t = UI[lang];
    await page.getByRole('button', { name: t.setup.chooseHub }).click();
    await page.locator('#setup-hub').fill(hub.url);
    const before = { settings: count(station, 'settings'), journal: count(station, 'journal'), link: count(station, 'hub_link'), users: count(station, 'users') };
    const tryCode = async (code: string, errorCode: 'ENROL_CODE_UNKNOWN' | 'ENROL_CODE_EXPIRED' | 'ENROL_CODE_USED') => {
      await page.locator('#setup-code').fill(code);
      await page.locator('#setup-code').press('Enter');
      await page.getByText(renderError(errorCode, {}, lang)).waitFor();
      expect({ settings: count(station, 'settings'), journal: count(station, 'journal'), link: count(station, 'hub_link'), users: count(station, 'users') }).toEqual(before);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('setup-code');
    };
    await tryCode('ABCD-EFGH-JKMN', 'ENROL_CODE_UNKNOWN');
    await look(page, lang, '04-wrong-code');
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST06', ttlHours: 1 });
    await hub.db.kysely.updateTable('enrolment_codes').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('station_id', '=', 'ST06').execute();
    await tryCode(code, 'ENROL_CODE_EXPIRED');
    await look(page, lang, '05-expired-code');
    // A used code: spent by another station first.
    const { code: spent } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST07' });
    const r = await fetch(`${hub.url}/v1/enrol`, { method: 'POST', headers: { authorization: `Bearer ${spent}`, 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(200);
    await tryCode(spent, 'ENROL_CODE_USED');
    expect(station.config.cityName).toBe('');
  } finally {
    await till.close();
    await hub.cleanup();
  }
}

export async function standAloneToFirstPayment(lang: Lang): Promise<void> {
  const till = await openEmptyTill(lang);
  try {
    const { page, station, dir } = till;
    const t = UI[lang];
    const catalog = join(dir, 'catalogue.json');
    writeFileSync(catalog, JSON.stringify(DEMO_REVENUE_CODES, null, 2));
    const bad = join(dir, 'bad-catalogue.json');
    writeFileSync(bad, JSON.stringify(DEMO_REVENUE_CODES, null, 2).replace(/\n\]$/, ',\n]'));
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, 'account_number,name,service_address,status,balance\n200001-01,Ann Lee,1 Oak St,active,48.20\n200002-01,Bo Diaz,2 Elm St,active,10.00\n');
    await page.getByRole('button', { name: t.setup.chooseAlone }).click();
    await page.getByRole('heading', { name: t.setup.aloneTitle }).waitFor();
    const fill = async (id: string, v: string) => page.locator(`#setup-${id}`).fill(v);
    await fill('adminId', 'pat');
    await fill('adminName', 'Pat Admin');
    await fill('pin', '5550123');
    await fill('pinAgain', '5550124');
    await fill('cityName', 'Town of Elm');
    await fill('cityAddress', '12 Main St, Elm');
    await fill('stationId', 'EL01');
    await fill('timeZone', 'America/Chicago');
    await fill('catalogFile', bad);
    await fill('accountsFile', accounts);
    await page.getByRole('button', { name: t.setup.create }).click();
    // PINs that differ: refused at the second PIN.
    await page.getByText(renderError('PIN_MISMATCH', {}, lang)).waitFor();
    await fill('pinAgain', '5550123');
    await page.getByRole('button', { name: t.setup.create }).click();
    // A catalogue that does not parse: refused with its line, nothing imported.
    const lines = JSON.stringify(DEMO_REVENUE_CODES, null, 2).split('\n').length; // the closing bracket, after the stray comma
    await page.locator('#setup-catalogFile-err').getByText(lang === 'en' ? `at line ${lines}` : `en la línea ${lines}`).waitFor();
    await look(page, lang, '06-bad-catalogue');
    for (const table of ['users', 'revenue_codes', 'accounts']) expect(count(station, table), table).toBe(0);
    await fill('catalogFile', catalog);
    await look(page, lang, '07-stand-alone');
    await page.getByRole('button', { name: t.setup.create }).click();
    await page.getByRole('heading', { name: t.signIn.title }).waitFor();
    await page.getByText('Town of Elm').first().waitFor();
    expect(count(station, 'accounts')).toBe(2);
    expect(station.config).toMatchObject({ stationId: 'EL01', cityName: 'Town of Elm', timeZone: 'America/Chicago', language: lang });
    // Its first admin takes the first payment.
    await firstPayment(till, lang, 'pat', '5550123', 'EL01');
    const logText = logOf(station)!.file.files().map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(logText).toContain('setup.standAlone');
    expect(logText).not.toMatch(/555012[34]/);
  } finally {
    await till.close();
  }
}

// Decoded slips to PNG through Debian's Chromium (headless), kept under artifacts/receipts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { slipHtml } from '../../src/hardware/emulators/escpos/html';
import type { Slip } from '../../src/hardware/emulators/escpos/events';

export const RECEIPT_ARTIFACTS = join(process.cwd(), 'artifacts', 'receipts');

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
}

/** Writes the slip as a PNG; returns its path and how many lines were wider than the paper. */
export async function slipPng(browser: Browser, slip: Slip, columns: number, name: string): Promise<{ path: string; overflowing: number }> {
  mkdirSync(RECEIPT_ARTIFACTS, { recursive: true });
  const page = await browser.newPage({ deviceScaleFactor: 1.5 });
  try {
    await page.setContent(await slipHtml(slip, columns, name));
    const overflowing = await page.evaluate(() => {
      const paper = document.querySelector('.paper') as HTMLElement;
      const limit = paper.getBoundingClientRect().right;
      return [...document.querySelectorAll('.l span, .l')].filter((e) => e.getBoundingClientRect().right > limit + 0.5 && (e.textContent ?? '').trim() !== '').length;
    });
    const path = join(RECEIPT_ARTIFACTS, `${name}.png`);
    await page.locator('.paper').screenshot({ path });
    return { path, overflowing };
  } finally {
    await page.close();
  }
}

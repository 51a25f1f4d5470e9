import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { message, renderMessage } from '../domain/messages/message.ts';

/** Debian's Chromium (package "chromium"), or CHROMIUM_PATH. */
export function chromiumExecutable(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Prints an HTML document to PDF with headless Chromium (A4, the page margins come from the
 * document's @page rule). Throws when Chromium is not installed.
 *
 * @example const pdf = await htmlToPdf(renderHtml(report));
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error(renderMessage(message('report.pdf_chromium_missing'), 'vi'));
  const browser = await chromium.launch({ executablePath, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

/**
 * Renders page 1 of a PDF to PNG in Chromium's own PDF viewer, toolbar hidden and the page fitted to
 * an A4-shaped window: the printed result as a person would see it.
 */
export async function pdfFirstPageToPng(pdf: Buffer): Promise<Buffer> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error('Chromium not found');
  const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-pdf-'));
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const browser = await chromium.launch({ executablePath, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1273 } });
    await page.goto(`${pathToFileURL(file).href}#toolbar=0&navpanes=0&view=Fit`);
    // The viewer paints asynchronously and exposes no "rendered" event to wait on.
    await page.waitForTimeout(2500);
    return await page.screenshot();
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

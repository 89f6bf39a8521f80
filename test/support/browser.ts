import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApp } from './test-app';

/** Debian's package (`apt-get install -y chromium`); .ci/run installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Screenshots land here (git-ignored) for a person to look at. */
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** `describe` when Chromium is installed; otherwise the block is skipped and says why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (hasChromium) return describe(name, body);
  describe.skip(
    `${name} — skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    body,
  );
}

/** Makes the test app listen on a free local port, as a browser needs; it closes with the app. */
export async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface BrowserPage {
  page: Page;
  /** Console errors and uncaught page errors, as they happened. */
  errors: string[];
  /** The whole page, or with `fullPage: false` only what the viewport shows. */
  screenshot(name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openPage(): Promise<BrowserPage> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return {
    page,
    errors,
    async screenshot(name, fullPage = true) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, name);
      await page.screenshot({ path, fullPage });
      return path;
    },
    close: () => browser.close(),
  };
}

import { describeInBrowser, listen, openPage, type BrowserPage } from './support/browser';
import { useTestApp } from './support/test-app';

describeInBrowser('Swagger UI in headless Chromium (e2e)', () => {
  const t = useTestApp();
  let browser: BrowserPage;
  let base: string;

  beforeAll(async () => {
    base = await listen(t);
    browser = await openPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every documented operation, with text holding `$` shown as written', async () => {
    const { page } = browser;
    const spec = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);

    await page.goto(`${base}/docs`);
    await page.waitForSelector('.opblock');
    expect(await page.locator('.opblock').count()).toBe(operations);

    // The description that once cut swagger-ui-init.js short renders intact.
    await page.click('#operations-locks-LocksController_create .opblock-summary');
    await page.locator('.response-col_description', { hasText: '`$`-keys' }).first().waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('runs GET /health with "Try it out" and shows the 200', async () => {
    const { page } = browser;
    const health = page.locator('.opblock-get', { hasText: '/health' });
    await health.locator('.opblock-summary').click();
    await health.locator('button.try-out__btn').click();
    await health.locator('button.execute').click();
    const status = health.locator('.live-responses-table tr.response td.response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('200');
    expect(await health.locator('.live-responses-table .microlight').first().textContent()).toContain('"status": "ok"');

    await health.scrollIntoViewIfNeeded();
    await browser.screenshot('swagger-ui.png', false);
    expect(browser.errors).toEqual([]);
  });
});

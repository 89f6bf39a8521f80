import { describeInBrowser, listen, openPage, type BrowserPage } from './support/browser';
import { createEvent, openLock, confirmLock, pay, uniqueKey } from './support/fixtures';
import { useTestApp } from './support/test-app';

const ADMIN_TOKEN = 'dashboard-test-token';

describeInBrowser('Dashboard in headless Chromium (e2e)', () => {
  const t = useTestApp({ ADMIN_TOKEN });
  let browser: BrowserPage;
  let base: string;
  let eventName: string;

  beforeAll(async () => {
    // A scripted flow: a paid booking, its payment replayed once, and one job run.
    eventName = uniqueKey('Dashboard show');
    const event = await createEvent(t, { totalSeats: 40, price: 1500, name: eventName });
    const lock = await openLock(t, { eventId: event.id, seats: 3 });
    const booking = await confirmLock(t, lock.id);
    const key = uniqueKey('pay');
    for (let i = 0; i < 2; i++) expect((await pay(t, { bookingId: booking.id, amount: 4500, key })).status).toBe(201);
    await t.http().post('/api/jobs/expire-locks').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({}).expect(200);

    base = await listen(t);
    browser = await openPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('asks for the admin token when the server requires one', async () => {
    await browser.page.goto(`${base}/dashboard`);
    await browser.page.waitForSelector('#status.error');
    expect(await browser.page.textContent('#status')).toContain('admin token');
    // The refused requests are the only errors: the browser logs each 401 it received.
    expect(browser.errors.every((e) => /status of 401/.test(e))).toBe(true);
    browser.errors.length = 0;
  });

  it('renders every panel with the flow’s data once the token is given, without errors', async () => {
    const { page } = browser;
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#token-form button');
    await page.waitForFunction('document.body.dataset.updatedAt !== undefined');

    expect(await page.textContent('#retry-rate')).toBe('50.0%');
    expect(await page.textContent('#retry-detail')).toBe('1 retries of 2 payment intents');
    const seatBar = page.locator('#seats-chart text', { hasText: eventName.slice(0, 23) });
    expect(await seatBar.count()).toBe(1);
    expect(await page.locator('#seats-chart text', { hasText: '37 / 40' }).count()).toBe(1);
    expect(await page.locator('#jobs-chart text', { hasText: 'EXPIRE_LOCKS completed' }).count()).toBe(1);
    expect(await page.locator('#executions tr', { hasText: 'EXPIRE_LOCKS' }).count()).toBe(1);
    const retryRow = page.locator('#audit-entries tr', { hasText: 'PAYMENT_RETRY' });
    expect(await retryRow.locator('.badge.retry').count()).toBe(1);
    // Keyed requests: the lock and the payment asked the database, the payment's replay was answered from memory.
    expect(await page.textContent('#hit-rate')).toBe('33.3%');
    expect(await page.locator('#idempotency-chart text', { hasText: 'replayed_from_memory' }).count()).toBe(1);
    expect(await page.evaluate("sessionStorage.getItem('booking.adminToken')")).toBe(ADMIN_TOKEN);
    // The panels' white card comes from the stylesheet the page shares with the checkout.
    expect(await page.evaluate("getComputedStyle(document.querySelector('#seats')).backgroundColor")).toBe(
      'rgb(255, 255, 255)',
    );

    await browser.screenshot('dashboard.png');
    expect(browser.errors).toEqual([]);
  });

  it('refreshes live: a new payment shows without reloading', async () => {
    const { page } = browser;
    const event = await createEvent(t, { totalSeats: 5, price: 100 });
    const booking = await confirmLock(t, (await openLock(t, { eventId: event.id, seats: 1 })).id);
    expect((await pay(t, { bookingId: booking.id, amount: 100, key: uniqueKey('pay') })).status).toBe(201);
    await page.locator('#retry-detail', { hasText: '1 retries of 3 payment intents' }).waitFor({ timeout: 10_000 });
    expect(browser.errors).toEqual([]);
  });
});

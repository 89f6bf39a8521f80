import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describeInBrowser, listen, openPage, type BrowserPage } from './support/browser';
import { actionsOf, audit, createEvent, getEvent, moneyMoved } from './support/fixtures';
import { useTestApp } from './support/test-app';

/** What the page sends as its bearer token; the secured mode checks it, this app accepts any. */
const TOKEN = 'checkout-test-token';

/** The page's bundle, as `npm run build` makes it (a fresh clone has none until then). */
function buildBundle(): void {
  execFileSync('npm', ['run', '--silent', 'build:checkout'], { cwd: `${__dirname}/..`, stdio: 'inherit' });
}

const status = (page: Page) => page.locator('#status');

/** The booking id the page stored for this event, and the lock before it. */
async function storedIds(page: Page, eventId: string): Promise<{ lockId: string; bookingId: string }> {
  const lockId = await page.evaluate<string | null>(`sessionStorage.getItem('checkout:${eventId}:lock')`);
  const booking = await page.evaluate<string | null>(`sessionStorage.getItem('checkout:${eventId}:booking')`);
  return { lockId: lockId ?? '', bookingId: (JSON.parse(booking ?? '{}') as { id: string }).id };
}

describeInBrowser('Checkout page in headless Chromium (e2e)', () => {
  const t = useTestApp();
  let browser: BrowserPage;
  let base: string;

  beforeAll(async () => {
    buildBundle();
    base = await listen(t);
    browser = await openPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(browser.errors).toEqual([]);
    browser.errors.length = 0;
  });

  it('holds, books and pays once though every button is double-clicked', async () => {
    const { page } = browser;
    const event = await createEvent(t, { totalSeats: 12, price: 2000, name: 'Checkout double clicks' });
    await page.goto(`${base}/checkout?event=${event.id}`);
    await page.getByText('12 of 12 seats available').waitFor();
    expect(await page.getByLabel('Outcome').inputValue()).toBe('success');
    // The white card comes from the stylesheet the page shares with the dashboard.
    expect(await page.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor")).toBe(
      'rgb(255, 255, 255)',
    );

    const authorizations = new Set<string | undefined>();
    const writes: string[] = [];
    page.on('request', (request) => {
      if (!request.url().includes('/api/')) return;
      authorizations.add(request.headers()['authorization']);
      if (request.method() === 'POST') writes.push(new URL(request.url()).pathname);
    });
    await page.getByLabel('Token').fill(TOKEN);
    await page.getByLabel('Seats').fill('3');
    await page.getByRole('button', { name: 'Hold seats' }).dblclick();
    await status(page).filter({ hasText: 'Held 3 seats' }).waitFor();
    await page.getByText('9 of 12 seats available').waitFor();
    await page.getByRole('button', { name: 'Confirm booking' }).dblclick();
    await status(page).filter({ hasText: 'to pay' }).waitFor();
    await page.getByRole('button', { name: 'Pay' }).dblclick();
    await status(page).filter({ hasText: 'Paid' }).waitFor();

    const { lockId, bookingId } = await storedIds(page, event.id);
    expect(await status(page).textContent()).toBe(`Paid — booking ${bookingId}`);
    expect((await getEvent(t, event.id)).availableSeats).toBe(9);
    expect(actionsOf(await audit(t, { lockId })).filter((a) => a === 'LOCK_CREATED')).toHaveLength(1);
    const history = actionsOf(await audit(t, { bookingId }));
    expect(history.filter((a) => a === 'BOOKING_CREATED')).toHaveLength(1);
    expect((await moneyMoved(t, bookingId)).charges).toHaveLength(1);
    // Each double click sent its step twice, with one key: the server applied it once.
    expect(writes).toEqual([
      '/api/locks',
      '/api/locks',
      '/api/bookings',
      '/api/bookings',
      '/api/payments/intent',
      '/api/payments/intent',
    ]);
    expect([...authorizations]).toEqual([`Bearer ${TOKEN}`]);
    expect(await page.evaluate("sessionStorage.getItem('booking.checkoutToken')")).toBe(TOKEN);
    await browser.screenshot('checkout.png');
  });

  it('ends in one charge and Paid when the connection drops during Pay, and after a reload', async () => {
    const { page } = browser;
    const event = await createEvent(t, { totalSeats: 5, price: 700, name: 'Checkout dropped answer' });
    await page.goto(`${base}/checkout?event=${event.id}`);
    await page.getByText('5 of 5 seats available').waitFor();
    await page.getByRole('button', { name: 'Hold seats' }).click();
    await status(page).filter({ hasText: 'Held 1 seats' }).waitFor();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await status(page).filter({ hasText: 'to pay' }).waitFor();

    // The first payment reaches the server and is applied; its answer never reaches the page.
    const payments: string[] = [];
    await page.route('**/api/payments/intent', async (route) => {
      const answer = await route.fetch();
      payments.push(`${answer.status()} ${answer.headers()['idempotent-replayed'] ?? 'first'}`);
      if (payments.length === 1) return route.abort('connectionreset');
      // The retry's answer waits until the status line has told the customer what is going on.
      await status(page).filter({ hasText: 'Retrying (attempt 2): the connection dropped, same key' }).waitFor();
      return route.fulfill({ response: answer });
    });
    await page.getByRole('button', { name: 'Pay' }).click();
    await status(page).filter({ hasText: 'Paid' }).waitFor();
    await page.unroute('**/api/payments/intent');

    const { bookingId } = await storedIds(page, event.id);
    expect(payments).toEqual(['201 first', '201 true']);
    expect(await status(page).textContent()).toBe(`Paid — booking ${bookingId}`);
    expect((await moneyMoved(t, bookingId)).charges).toHaveLength(1);

    // A reload keeps the step's key: paying again is answered from the store, and charges nothing.
    await page.reload();
    await page.getByText('4 of 5 seats available').waitFor();
    await page.getByRole('button', { name: 'Pay' }).click();
    await status(page).filter({ hasText: 'Paid' }).waitFor();
    expect((await moneyMoved(t, bookingId)).charges).toHaveLength(1);
    // The aborted request is the one error the browser logs.
    browser.errors.splice(0, browser.errors.length, ...browser.errors.filter((e) => !/ERR_CONNECTION_RESET/.test(e)));
  });
});

/**
 * The checkout page (/checkout?event=<id>): hold seats, confirm the booking, pay. Every step goes
 * through the typed client, so a lost answer or a busy server is retried with the step's key. The keys
 * live in sessionStorage per event and step (and the inputs that make the step what it is), so a double
 * click, a retry and a reload all send the same key and the server applies each step once.
 */
import { createBookingClient, wasReplayed, type Schemas } from '../booking-client';
import type { RetryEvent } from '../retrying-fetch';

type Outcome = Schemas['CreatePaymentIntentDto']['force'];
/** The simulated provider's outcomes, as the payment body declares them; success first, the default. */
const OUTCOMES = ['success', 'failure', 'provider_error', 'timeout_after_charge'] as const satisfies readonly Outcome[];

const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const seatsInput = element<HTMLInputElement>('seats');
const outcomeSelect = element<HTMLSelectElement>('outcome');
const tokenInput = element<HTMLInputElement>('token');
const holdButton = element<HTMLButtonElement>('hold');
const bookButton = element<HTMLButtonElement>('book');
const payButton = element<HTMLButtonElement>('pay');
const statusLine = element<HTMLParagraphElement>('status');

const eventId = new URLSearchParams(location.search).get('event') ?? '';
const TOKEN = 'booking.checkoutToken';
const stored = (name: string) => sessionStorage.getItem(`checkout:${eventId}:${name}`);
const store = (name: string, value: string) => sessionStorage.setItem(`checkout:${eventId}:${name}`, value);

/** The key of one logical step: made once, then found again by every click, retry and reload. */
function keyFor(step: string): string {
  const name = `key:${step}`;
  const existing = stored(name);
  if (existing) return existing;
  const key = crypto.randomUUID();
  store(name, key);
  return key;
}

/** A customer for this browser tab: the seats are held in their name. */
function customer(): string {
  const existing = sessionStorage.getItem('checkout.userId');
  if (existing) return existing;
  const id = `customer-${crypto.randomUUID().slice(0, 8)}`;
  sessionStorage.setItem('checkout.userId', id);
  return id;
}

function say(text: string, tone: 'progress' | 'retrying' | 'done' | 'error' = 'progress'): void {
  statusLine.textContent = text;
  statusLine.className = tone;
}

const RETRY_REASONS: Record<RetryEvent['reason'], string> = {
  network: 'the connection dropped',
  timeout: 'no answer in time',
  unavailable: 'the server is busy',
  'in-progress': 'the same request is still running',
};

const api = createBookingClient({
  baseUrl: location.origin,
  token: () => tokenInput.value.trim() || undefined,
  onRetry: (event) =>
    say(`Retrying (attempt ${event.attempt + 1}): ${RETRY_REASONS[event.reason]}, same key…`, 'retrying'),
});

function refusal(error: unknown, response: Response): string {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  return `Refused (${response.status}): ${typeof detail === 'string' ? detail : response.statusText}`;
}

/** Runs one step; a network failure that outlasted the retries leaves the key stored for the next click. */
async function step(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    say(
      `No answer (${error instanceof Error ? error.message : String(error)}); try again — nothing is applied twice.`,
      'error',
    );
  }
}

async function showEvent(): Promise<boolean> {
  const { data, error, response } = await api.GET('/api/events/{id}', { params: { path: { id: eventId } } });
  if (!data) {
    say(refusal(error, response), 'error');
    return false;
  }
  element('event-name').textContent = data.name;
  element('event-detail').textContent =
    `${new Date(data.startsAt).toLocaleString()} · ${(data.price / 100).toFixed(2)} per seat · ` +
    `${data.availableSeats} of ${data.totalSeats} seats available`;
  return true;
}

async function hold(): Promise<void> {
  const seats = seatsInput.valueAsNumber;
  say(`Holding ${seats} seat${seats === 1 ? '' : 's'}…`);
  const { data, error, response } = await api.POST('/api/locks', {
    body: { eventId, userId: customer(), seats },
    headers: { 'Idempotency-Key': keyFor(`hold:${seats}`) },
  });
  if (!data) return say(refusal(error, response), 'error');
  store('lock', data.id);
  bookButton.disabled = false;
  say(`Held ${data.seats} seats until ${new Date(data.expiresAt).toLocaleTimeString()}${replayNote(response)}.`);
  await showEvent();
}

async function book(): Promise<void> {
  const seatLockId = stored('lock');
  if (!seatLockId) return;
  say('Confirming the booking…');
  const { data, error, response } = await api.POST('/api/bookings', {
    body: { seatLockId },
    headers: { 'Idempotency-Key': keyFor(`book:${seatLockId}`) },
  });
  if (!data) return say(refusal(error, response), 'error');
  store('booking', JSON.stringify({ id: data.id, amount: data.amount }));
  payButton.disabled = false;
  say(`Booked ${data.id}: ${(data.amount / 100).toFixed(2)} to pay${replayNote(response)}.`);
}

async function pay(): Promise<void> {
  const booking = JSON.parse(stored('booking') ?? 'null') as { id: string; amount: number } | null;
  if (!booking) return;
  const force = outcomeSelect.value as Outcome;
  say(`Paying ${(booking.amount / 100).toFixed(2)}…`);
  const { data, error, response } = await api.POST('/api/payments/intent', {
    body: { bookingId: booking.id, amount: booking.amount, force },
    headers: { 'Idempotency-Key': keyFor(`pay:${booking.id}:${force}`) },
  });
  if (!data) return say(refusal(error, response), 'error');
  if (data.status === 'SUCCEEDED') return say(`Paid — booking ${data.bookingId}`, 'done');
  say(
    `Payment declined; booking ${data.bookingId} is ${data.bookingStatus}. Choose an outcome and pay again.`,
    'error',
  );
}

const replayNote = (response: Response) => (wasReplayed(response) ? ' (answered before; nothing applied twice)' : '');

async function start(): Promise<void> {
  for (const outcome of OUTCOMES) outcomeSelect.add(new Option(outcome, outcome));
  tokenInput.value = sessionStorage.getItem(TOKEN) ?? '';
  tokenInput.addEventListener('input', () => sessionStorage.setItem(TOKEN, tokenInput.value.trim()));
  holdButton.addEventListener('click', () => void step(hold));
  bookButton.addEventListener('click', () => void step(book));
  payButton.addEventListener('click', () => void step(pay));
  if (!eventId) return say('No event: open this page as /checkout?event=<event id>.', 'error');
  if (!(await showEvent())) return;
  holdButton.disabled = false;
  bookButton.disabled = stored('lock') === null;
  payButton.disabled = stored('booking') === null;
  say(payButton.disabled ? 'Choose the seats and hold them.' : 'Booking confirmed: pay when ready.');
}

void step(start);

'use strict';
// Reads the app's own endpoints (/metrics, /api/jobs/executions, /api/audit) and redraws every few
// seconds. No build step and no libraries: the page must work from `npm start` as it is.

const REFRESH_MS = 3000;
const AUDIT_ROWS = 15;
const TOKEN_KEY = 'booking.adminToken';
const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['var(--a)', 'var(--b)', 'var(--c)', 'var(--d)'];
const retryHistory = [];

const $ = (id) => document.getElementById(id);

// ---- the admin token: kept for this browser tab only ----
$('token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  refresh();
});

async function get(path, as) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.status === 401) throw new Error('The server requires the admin token: enter ADMIN_TOKEN above');
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return as === 'text' ? res.text() : res.json();
}

// ---- Prometheus text exposition → [{ name, labels, value }] ----
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[name] = JSON.parse(`"${value}"`);
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

const sum = (samples, name, where = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);

const groupBy = (samples, name, label) => {
  const totals = new Map();
  for (const s of samples.filter((x) => x.name === name))
    totals.set(s.labels[label], (totals.get(s.labels[label]) ?? 0) + s.value);
  return totals;
};

const percent = (part, whole) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a');

// ---- drawing ----
function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Horizontal bars: rows of { label, value, max?, color?, caption? }; with `max`, a grey track shows the whole. */
function bars(svg, rows, emptyText) {
  svg.replaceChildren();
  const rowHeight = 24;
  const labelWidth = 170;
  const width = svg.clientWidth || 400;
  svg.setAttribute('height', Math.max(1, rows.length) * rowHeight + 4);
  if (rows.length === 0) {
    svg.append(el('text', { x: 0, y: 16, class: 'value' }, emptyText));
    return;
  }
  const scaleMax = Math.max(1, ...rows.map((r) => r.max ?? r.value));
  const span = width - labelWidth - 110;
  rows.forEach((row, i) => {
    const y = i * rowHeight + 2;
    svg.append(el('text', { x: 0, y: y + 15 }, row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label));
    if (row.max !== undefined)
      svg.append(
        el('rect', {
          x: labelWidth,
          y: y + 3,
          width: (span * row.max) / scaleMax,
          height: 16,
          fill: 'var(--line)',
          rx: 3,
        }),
      );
    svg.append(
      el('rect', {
        x: labelWidth,
        y: y + 3,
        width: Math.max(1, (span * row.value) / scaleMax),
        height: 16,
        fill: row.color ?? COLORS[i % COLORS.length],
        rx: 3,
        'data-value': row.value,
      }),
    );
    const caption = row.caption ?? (row.max !== undefined ? `${row.value} / ${row.max}` : String(row.value));
    svg.append(el('text', { x: labelWidth + span + 6, y: y + 15, class: 'value' }, caption));
  });
}

function sparkline(svg, values) {
  svg.replaceChildren();
  if (values.length < 2) return;
  const width = svg.clientWidth || 400;
  const height = 40;
  const points = values
    .map((v, i) => `${(i * width) / (values.length - 1)},${height - 2 - v * (height - 4)}`)
    .join(' ');
  svg.append(el('polyline', { points, fill: 'none', stroke: 'var(--b)', 'stroke-width': 2 }));
}

function rows(tbody, items, cells, emptyText) {
  tbody.replaceChildren();
  if (items.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 6;
    td.className = 'empty';
    td.textContent = emptyText;
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const item of items) {
    const tr = document.createElement('tr');
    for (const cell of cells(item)) {
      const td = document.createElement('td');
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell;
      tr.append(td);
    }
    tbody.append(tr);
  }
}

function badge(text, kind) {
  const span = document.createElement('span');
  span.className = `badge ${kind}`;
  span.textContent = text;
  return span;
}

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

// ---- panels ----
function drawPayments(samples) {
  const kinds = groupBy(samples, 'payment_requests_total', 'kind');
  const fresh = kinds.get('new') ?? 0;
  const resumed = kinds.get('resumed') ?? 0;
  const replayed = kinds.get('replayed') ?? 0;
  const total = fresh + resumed + replayed;
  $('retry-rate').textContent = percent(resumed + replayed, total);
  $('retry-detail').textContent = `${resumed + replayed} retries of ${total} payment intents`;
  retryHistory.push(total > 0 ? (resumed + replayed) / total : 0);
  if (retryHistory.length > 60) retryHistory.shift();
  const ledger = (type, status) => sum(samples, 'payment_provider_ledger_entries_total', { type, status });
  bars($('payments-chart'), [
    { label: 'new', value: fresh },
    { label: 'resumed (retry)', value: resumed },
    { label: 'replayed (retry)', value: replayed },
    { label: 'provider charges', value: ledger('CHARGE', 'SUCCEEDED') },
    { label: 'provider declines', value: ledger('CHARGE', 'DECLINED') },
    { label: 'provider refunds', value: ledger('REFUND', 'SUCCEEDED') },
  ]);
  sparkline($('retry-spark'), retryHistory);
}

function drawIdempotency(samples) {
  const hits = sum(samples, 'idempotency_cache_lookups_total', { result: 'hit' });
  const misses = sum(samples, 'idempotency_cache_lookups_total', { result: 'miss' });
  $('hit-rate').textContent = percent(hits, hits + misses);
  const waits = sum(samples, 'idempotency_inflight_waits_total');
  const refusals = sum(samples, 'idempotency_key_reuse_refusals_total');
  $('hit-detail').textContent =
    `${hits} hits, ${misses} misses · ${waits} in-flight waits · ${refusals} key reuse refusals`;
  const outcomes = groupBy(samples, 'idempotency_requests_total', 'outcome');
  bars(
    $('idempotency-chart'),
    [...outcomes].map(([outcome, value]) => ({ label: outcome, value })),
    'No idempotent request yet',
  );
}

function drawJobs(samples, executions) {
  const runs = samples.filter((s) => s.name === 'job_runs_total');
  bars(
    $('jobs-chart'),
    runs.map((s) => {
      const where = { job: s.labels.job, outcome: s.labels.outcome };
      const count = sum(samples, 'job_run_duration_seconds_count', where);
      const mean =
        count > 0
          ? ` · ${((1000 * sum(samples, 'job_run_duration_seconds_sum', where)) / count).toFixed(0)} ms avg`
          : '';
      return { label: `${s.labels.job} ${s.labels.outcome}`, value: s.value, caption: `${s.value}${mean}` };
    }),
    'No job has run in this instance yet',
  );
  rows(
    $('executions'),
    executions.slice(0, 8),
    (e) => [
      time(e.startedAt),
      e.jobType,
      badge(e.status, e.status === 'COMPLETED' ? 'ok' : e.status === 'FAILED' ? 'bad' : ''),
      String(e.results?.processed ?? 0),
      e.completedAt ? `${new Date(e.completedAt) - new Date(e.startedAt)} ms` : '…',
    ],
    'No executions in the last hour',
  );
}

function drawSeats(samples) {
  const totals = new Map(
    samples.filter((s) => s.name === 'event_seats_total').map((s) => [s.labels.event_id, s.value]),
  );
  bars(
    $('seats-chart'),
    samples
      .filter((s) => s.name === 'event_seats_available')
      .map((s) => ({
        label: `${s.labels.name} (${s.labels.event_id.slice(-6)})`,
        value: s.value,
        max: totals.get(s.labels.event_id),
        color: 'var(--c)',
      })),
    'No events yet',
  );
}

function drawAudit(entries) {
  rows(
    $('audit-entries'),
    entries,
    (e) => [
      time(e.createdAt),
      e.action,
      `${e.fromState ?? '∅'} → ${e.toState}`,
      e.bookingId ?? e.lockId ?? '',
      e.metadata?.isRetry ? badge('retry', 'retry') : '',
      e.correlationId,
    ],
    'No audit entries yet',
  );
}

// ---- the loop ----
async function refresh() {
  try {
    const [metrics, executions, audit] = await Promise.all([
      get('/metrics', 'text'),
      get('/api/jobs/executions'),
      get(`/api/audit?limit=${AUDIT_ROWS}`),
    ]);
    const samples = parseMetrics(metrics);
    drawPayments(samples);
    drawIdempotency(samples);
    drawJobs(samples, executions);
    drawSeats(samples);
    drawAudit(audit);
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()} · every ${REFRESH_MS / 1000} s`;
    $('status').className = '';
    document.body.dataset.updatedAt = String(Date.now());
  } catch (error) {
    $('status').textContent = error.message;
    $('status').className = 'error';
  }
}

refresh();
setInterval(refresh, REFRESH_MS);

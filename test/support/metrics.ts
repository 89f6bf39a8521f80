import type { TestApp } from './test-app';

/** One scrape of `/metrics`: each sample by its name and labels, as `name{a="x",b="y"}` with labels sorted. */
export type Scrape = Map<string, number>;

export async function scrape(t: TestApp): Promise<Scrape> {
  const res = await t.http().get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return parseExposition(res.text);
}

export function parseExposition(text: string): Scrape {
  const samples: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unparsable exposition line: ${line}`);
    samples.set(sample(match[1], parseLabels(match[2] ?? '')), Number(match[3]));
  }
  return samples;
}

/** The key of a sample in a Scrape. */
export function sample(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((label) => `${label}=${JSON.stringify(labels[label])}`);
  return pairs.length > 0 ? `${name}{${pairs.join(',')}}` : name;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, label, value] of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
    labels[label] = JSON.parse(`"${value}"`) as string;
  return labels;
}

/** How much a sample moved between two scrapes (a sample absent from a scrape counts as 0). */
export function delta(before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}): number {
  const key = sample(name, labels);
  return (after.get(key) ?? 0) - (before.get(key) ?? 0);
}

import autocannon from 'autocannon';

export interface LoadSpec {
  method: 'GET' | 'POST';
  path: string;
  /** The body of every request, unless nextBody gives each its own. */
  body?: object;
  /** A fresh body per request; undefined once a pre-made pool is used up, which ends the round early. */
  nextBody?: () => object | undefined;
  /** Only answers with this status count towards rps; anything else is an error. */
  expectedStatus: number;
}

export interface RoundResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Every answer, expected or not. */
  answers: number;
  seconds: number;
  /** The pool ran out before the round's time was up. */
  exhausted: boolean;
}

export interface RoundSettings {
  connections: number;
  seconds: number;
}

/** One autocannon round; rps counts expected answers only, latencies cover the 2xx answers. */
export function runRound(baseUrl: string, spec: LoadSpec, settings: RoundSettings): Promise<RoundResult> {
  let instance: autocannon.Instance | undefined;
  let exhausted = false;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const body = spec.nextBody!();
    if (body !== undefined) return { ...request, body: JSON.stringify(body) };
    if (!exhausted) {
      exhausted = true;
      // autocannon asks for the first request before it hands out the instance, so stop on the next turn.
      setImmediate(() => instance?.stop());
    }
    // An empty body is a 400 that writes nothing; it is counted as an error, never as a success.
    return { ...request, body: '{}' };
  };

  return new Promise((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections: settings.connections,
        duration: settings.seconds,
        timeout: 30,
        // The 400s sent once a pool runs dry answer in a few ms; they must not pass for fast requests.
        excludeErrorStats: true,
        requests: [
          {
            method: spec.method,
            path: spec.path,
            headers: spec.method === 'POST' ? { 'content-type': 'application/json' } : {},
            body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
            // autocannon calls any setupRequest key it finds, so the key is left out when there is none.
            ...(spec.nextBody ? { setupRequest } : {}),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`));
          return;
        }
        const expected = result.statusCodeStats?.[`${spec.expectedStatus}`]?.count ?? 0;
        resolve({
          rps: expected / result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.requests.total - expected + result.errors,
          answers: result.requests.total,
          seconds: result.duration,
          exhausted,
        });
      },
    );
  });
}

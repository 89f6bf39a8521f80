import { ensureFerretDbBinary } from '../../src/dev-engine/ferretdb-binary';

/** Builds the engine once before the workers start, so no test's timing includes a Go build. */
export default async function globalSetup(): Promise<void> {
  await ensureFerretDbBinary();
}

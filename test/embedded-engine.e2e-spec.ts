import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mongo } from 'mongoose';
import { EmbeddedEngine } from '../src/dev-engine/embedded-engine';
import { eventually } from './support/async';

/** A process that has exited and been reaped is gone; a zombie counts as gone as well, it runs nothing. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('EmbeddedEngine (e2e)', () => {
  let dataDir: string;
  let engine: EmbeddedEngine;
  let client: mongo.MongoClient;
  let items: mongo.Collection<{ _id: string | number | mongo.ObjectId; status: string; seats?: number }>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'embedded-engine-'));
    engine = await EmbeddedEngine.launch(dataDir);
    // Short server selection and heartbeats, so the outage test sees the engine go and come back quickly.
    client = new mongo.MongoClient(engine.uri('engine'), {
      serverSelectionTimeoutMS: 2_000,
      heartbeatFrequencyMS: 500,
    });
    items = client.db().collection('items');
  });

  afterAll(async () => {
    await client?.close();
    await engine?.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await items.deleteMany({});
  });

  const plan = async (filter: mongo.Document): Promise<string> => {
    const explained = await client.db().command({ explain: { find: 'items', filter }, verbosity: 'queryPlanner' });
    return (explained.queryPlanner as { Plan: string[] }).Plan.join('\n');
  };

  describe('lookups by _id', () => {
    it('use the _id index when the filter has further conditions, for ObjectId and string ids', async () => {
      const id = new mongo.ObjectId();
      await items.insertMany([
        { _id: id, status: 'ACTIVE' },
        { _id: 'lock-1', status: 'ACTIVE' },
      ]);

      expect(await plan({ _id: id })).toMatch(/USING INDEX \S+__id_/);
      expect(await plan({ _id: id, status: 'ACTIVE' })).toMatch(/USING INDEX \S+__id_/);
      expect(await plan({ _id: 'lock-1', status: 'ACTIVE', seats: { $exists: false } })).toMatch(
        /USING INDEX \S+__id_/,
      );
    });

    it('scan for an _id condition that is not a plain equality', async () => {
      await items.insertOne({ _id: 'lock-1', status: 'ACTIVE' });

      expect(await plan({ _id: { $in: ['lock-1', 'lock-2'] }, status: 'ACTIVE' })).not.toMatch(/USING INDEX/);
      expect(await plan({ _id: 7, status: 'ACTIVE' })).not.toMatch(/USING INDEX/);
    });

    it('apply every other condition of a guarded update, find-and-modify and delete', async () => {
      const id = new mongo.ObjectId();
      await items.insertMany([
        { _id: id, status: 'ACTIVE', seats: 2 },
        { _id: 'lock-1', status: 'ACTIVE', seats: 3 },
      ]);

      expect((await items.updateOne({ _id: id, status: 'EXPIRED' }, { $set: { seats: 0 } })).matchedCount).toBe(0);
      expect(await items.findOneAndUpdate({ _id: id, status: 'EXPIRED' }, { $set: { seats: 0 } })).toBeNull();
      expect((await items.deleteOne({ _id: id, status: 'EXPIRED' })).deletedCount).toBe(0);

      expect(
        (await items.updateOne({ _id: id, status: 'ACTIVE' }, { $set: { status: 'CONSUMED' } })).modifiedCount,
      ).toBe(1);
      expect(
        await items.findOneAndUpdate(
          { _id: id, status: 'CONSUMED' },
          { $inc: { seats: 1 } },
          { returnDocument: 'after' },
        ),
      ).toEqual({ _id: id, status: 'CONSUMED', seats: 3 });
      expect((await items.deleteOne({ _id: id, status: 'CONSUMED', seats: 3 })).deletedCount).toBe(1);

      expect(await items.find({}).toArray()).toEqual([{ _id: 'lock-1', status: 'ACTIVE', seats: 3 }]);
    });

    it('still find documents by a list of ids or an id of another type', async () => {
      await items.insertMany([
        { _id: 'a', status: 'ACTIVE' },
        { _id: 'b', status: 'EXPIRED' },
        { _id: 7, status: 'ACTIVE' },
      ]);

      expect(await items.countDocuments({ _id: { $in: ['a', 'b', 7] }, status: 'ACTIVE' })).toBe(2);
      expect((await items.updateOne({ _id: 7, status: 'ACTIVE' }, { $set: { seats: 1 } })).modifiedCount).toBe(1);
      expect((await items.deleteMany({ _id: { $in: ['a', 'b'] }, status: 'EXPIRED' })).deletedCount).toBe(1);
      expect((await items.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([7, 'a']);
    });
  });

  describe('stop and start', () => {
    it('brings the engine back on the same address with the same data', async () => {
      await items.insertOne({ _id: 'kept', status: 'ACTIVE' });
      const uri = engine.uri('engine');

      await engine.stop();
      await expect(items.findOne({ _id: 'kept' })).rejects.toThrow();
      await engine.start();

      expect(engine.uri('engine')).toBe(uri);
      await eventually(async () =>
        expect(await items.findOne({ _id: 'kept' })).toEqual({ _id: 'kept', status: 'ACTIVE' }),
      );
    });
  });

  describe('lifetime', () => {
    it('kills FerretDB when the process that launched it is killed with SIGKILL', async () => {
      const childDataDir = mkdtempSync(join(tmpdir(), 'embedded-engine-orphan-'));
      const launcher = `
        const { EmbeddedEngine } = require(${JSON.stringify(resolve(__dirname, '../src/dev-engine/embedded-engine'))});
        EmbeddedEngine.launch(${JSON.stringify(childDataDir)}).then(async (engine) => {
          process.stdout.write((await engine.enginePid()) + '\\n');
          setInterval(() => undefined, 1000);
        });
      `;
      const service = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', launcher], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const enginePid = await new Promise<number>((found, failed) => {
          service.stdout.on('data', (chunk: Buffer) => found(Number(chunk.toString().trim())));
          service.once('exit', (code) => failed(new Error(`the launcher exited with ${code}`)));
        });
        expect(isRunning(enginePid)).toBe(true);

        service.kill('SIGKILL');

        await eventually(async () => expect(isRunning(enginePid)).toBe(false), 5_000);
      } finally {
        service.kill('SIGKILL');
        rmSync(childDataDir, { recursive: true, force: true });
      }
    });
  });
});

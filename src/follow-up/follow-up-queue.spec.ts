import { Logger } from '@nestjs/common';
import type { mongo } from 'mongoose';
import { commandFinished, hearingReplies } from '../database/command-replies';
import { FollowUpQueue, type BatchWriter } from './follow-up-queue';

/** Records every batch it is handed, in a log shared by the writers of one test. */
class RecordingWriter<T> implements BatchWriter<T> {
  readonly batches: T[][] = [];
  failWith?: Error;
  onWrite?: (items: T[]) => Promise<void> | void;

  constructor(
    readonly name: string,
    readonly phase: number,
    private readonly log: string[],
  ) {}

  async writeBatch(items: T[]): Promise<void> {
    this.log.push(`${this.name}:${items.join(',')}`);
    this.batches.push([...items]);
    await this.onWrite?.(items);
    if (this.failWith) throw this.failWith;
  }
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

// A drain that never resolves is the failure these specs look for: fail fast rather than after 120 s.
jest.setTimeout(5_000);

describe('FollowUpQueue', () => {
  let sut: FollowUpQueue;
  let log: string[];
  let warn: jest.SpyInstance;
  const writer = <T = string>(name: string, phase: number) => new RecordingWriter<T>(name, phase, log);

  beforeEach(() => {
    sut = new FollowUpQueue();
    log = [];
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await sut.drain();
    warn.mockRestore();
  });

  describe('add', () => {
    it('writes nothing before the caller has moved on (the answer never waits for it)', async () => {
      const audit = writer('audit', 1);

      sut.add(audit, 'a');
      await Promise.resolve();

      expect(audit.batches).toEqual([]);
      await sut.drain();
      expect(audit.batches).toEqual([['a']]);
    });

    it('batches the items of one writer, from many adds, into one call', async () => {
      const audit = writer('audit', 1);
      const settled = writer('settled', 1);

      sut.add(audit, 'a');
      sut.add(audit, 'b', 'c');
      sut.add(settled, 'x');
      await sut.drain();

      expect(audit.batches).toEqual([['a', 'b', 'c']]);
      expect(settled.batches).toEqual([['x']]);
    });

    it('writes the phases in order, whatever order the work was added in', async () => {
      const late = writer('late', 3);
      const first = writer('first', 1);
      const middle = writer('middle', 2);

      sut.add(late, 'l');
      sut.add(middle, 'm');
      sut.add(first, 'f');
      await sut.drain();

      expect(log).toEqual(['first:f', 'middle:m', 'late:l']);
    });

    it('skips the later phases of a flush once a phase failed, but still writes the failed phase’s other writers', async () => {
      const audit = writer('audit', 1);
      audit.failWith = new Error('audit down');
      const markers = writer('markers', 1);
      const settled = writer('settled', 2);

      sut.add(settled, 's');
      sut.add(audit, 'a');
      sut.add(markers, 'm');
      await sut.drain();

      expect(log.sort()).toEqual(['audit:a', 'markers:m']);
      expect(settled.batches).toEqual([]);
      expect(warn).toHaveBeenCalled();
    });

    it('writes every phase again in a later flush after a failed one', async () => {
      const audit = writer('audit', 1);
      audit.failWith = new Error('audit down');
      const settled = writer('settled', 2);
      sut.add(audit, 'a1');
      sut.add(settled, 's1');
      await sut.drain();

      audit.failWith = undefined;
      sut.add(audit, 'a2');
      sut.add(settled, 's2');
      await sut.drain();

      // A failed flush is dropped: the reconcile pass, not the queue, finishes what it owed.
      expect(audit.batches).toEqual([['a1'], ['a2']]);
      expect(settled.batches).toEqual([['s2']]);
    });

    it('writes work added during a flush in a later flush', async () => {
      const audit = writer('audit', 1);
      const settled = writer('settled', 2);
      audit.onWrite = (items) => {
        if (items.includes('a1')) sut.add(settled, 'added-during');
      };

      sut.add(audit, 'a1');
      sut.add(settled, 's1');
      await sut.drain();
      await sut.drain();

      expect(settled.batches).toEqual([['s1'], ['added-during']]);
      expect(log).toEqual(['audit:a1', 'settled:s1', 'settled:added-during']);
    });
  });

  describe('task', () => {
    it('runs tasks before the batches of its flush, and writes the items they add in that same flush', async () => {
      const audit = writer('audit', 1);
      sut.add(audit, 'queued');
      sut.task(async () => {
        log.push('refund');
        sut.add(audit, 'refunded');
      });

      await sut.drain();

      expect(log).toEqual(['refund', 'audit:queued,refunded']);
      expect(audit.batches).toEqual([['queued', 'refunded']]);
    });

    it('runs the tasks in the order they were queued, one after another', async () => {
      const gate = deferred();
      sut.task(async () => {
        await gate.promise;
        log.push('first');
      });
      sut.task(async () => {
        log.push('second');
      });

      setImmediate(() => setImmediate(gate.resolve));
      await sut.drain();

      expect(log).toEqual(['first', 'second']);
    });

    it('still writes the batches when a task fails', async () => {
      const audit = writer('audit', 1);
      sut.task(() => Promise.reject(new Error('provider down')));
      sut.add(audit, 'a');

      await sut.drain();

      expect(audit.batches).toEqual([['a']]);
      expect(warn).toHaveBeenCalled();
    });
  });

  describe('drain', () => {
    it('resolves at once when nothing is queued', async () => {
      await expect(sut.drain()).resolves.toBeUndefined();
    });

    it('resolves only after everything queued so far is written', async () => {
      const slow = deferred();
      const audit = writer('audit', 1);
      audit.onWrite = () => slow.promise;
      sut.add(audit, 'a');

      let drained = false;
      const draining = sut.drain().then(() => (drained = true));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));

      expect(audit.batches).toEqual([['a']]);
      expect(drained).toBe(false);
      slow.resolve();
      await draining;
      expect(drained).toBe(true);
    });

    it('waits only for what was queued before it was called, so a busy instance cannot starve a reader', async () => {
      const audit = writer('audit', 1);
      const settled = writer('settled', 2);
      audit.onWrite = () => sut.add(settled, 'later');
      sut.add(audit, 'a');

      await sut.drain();
      expect(audit.batches).toEqual([['a']]);

      await sut.drain();
      expect(settled.batches).toEqual([['later']]);
    });

    it('is what shutdown waits for', async () => {
      const audit = writer('audit', 1);
      sut.add(audit, 'a');

      await sut.beforeApplicationShutdown();

      expect(audit.batches).toEqual([['a']]);
    });
  });

  it('flushes outside the job run that queued the work: its writes are no progress of that run', async () => {
    const audit = writer('audit', 1);
    audit.onWrite = () => commandFinished({ commandName: 'insert' } as unknown as mongo.CommandSucceededEvent);
    let heard = 0;

    await hearingReplies(
      () => (heard += 1),
      async () => {
        sut.add(audit, 'a');
        await sut.drain();
      },
    );

    expect(log).toEqual(['audit:a']);
    expect(heard).toBe(0);
  });
});

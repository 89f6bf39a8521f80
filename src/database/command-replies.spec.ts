import { mongo } from 'mongoose';
import { commandFinished, hearingReplies, unheard } from './command-replies';

const succeeded = { commandName: 'find' } as unknown as mongo.CommandSucceededEvent;
const failedWith = (failure: Error) => ({ commandName: 'find', failure }) as unknown as mongo.CommandFailedEvent;

/** The driver's events reach `commandFinished` in the async context of the code that issued the command. */
describe('hearingReplies', () => {
  it('hears a reply, a server error included, to a command its work issued, even after an await', async () => {
    let replies = 0;

    await hearingReplies(
      () => (replies += 1),
      async () => {
        commandFinished(succeeded);
        await Promise.resolve();
        commandFinished(failedWith(new mongo.MongoServerError({ message: 'duplicate key', code: 11000 })));
      },
    );

    expect(replies).toBe(2);
  });

  it('hears nothing from a command that got no reply, from outside the work, or from unheard commands', async () => {
    let replies = 0;

    await hearingReplies(
      () => (replies += 1),
      async () => {
        commandFinished(failedWith(new mongo.MongoNetworkTimeoutError('connection timed out')));
        await unheard(async () => commandFinished(succeeded));
      },
    );
    commandFinished(succeeded);

    expect(replies).toBe(0);
  });
});

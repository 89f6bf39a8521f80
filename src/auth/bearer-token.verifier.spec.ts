import { loadConfig } from '../config/app-config';
import { LocalIssuer } from '../../test/support/local-issuer';
import { InvalidTokenError, IssuerUnavailableError } from './auth-errors';
import { BearerTokenVerifier } from './bearer-token.verifier';

describe('BearerTokenVerifier', () => {
  let issuer: LocalIssuer;
  const verifierFor = (env: Record<string, string> = {}) =>
    new BearerTokenVerifier(loadConfig({ ...issuer.env, ...env }));

  beforeEach(async () => {
    issuer = await LocalIssuer.start();
  });

  afterEach(async () => {
    jest.useRealTimers();
    await issuer.close();
  });

  it("names the principal by the token's subject, with the string roles of its roles claim", async () => {
    const sut = verifierFor();
    const principal = await sut.verify(
      await issuer.token({ sub: 'olivia', roles: ['organizer', 7, 'x'] as unknown as string[] }),
    );
    expect(principal.subject).toBe('olivia');
    expect(principal.hasRole('organizer')).toBe(true);
    expect(principal.hasRole('admin')).toBe(false);
  });

  it('refetches the keys for an unknown kid at most once per cooldown', async () => {
    // Only Date is faked: the cooldown is measured on it, while the issuer's sockets need real timers.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    const sut = verifierFor({ AUTH_KEY_COOLDOWN_SECONDS: '30' });
    await sut.verify(await issuer.token({ sub: 'alice' }));
    expect(issuer.jwksFetches).toBe(1);

    await issuer.rotate();
    const rotated = await issuer.token({ sub: 'alice' });
    await expect(sut.verify(rotated)).rejects.toThrow(InvalidTokenError);
    expect(issuer.jwksFetches).toBe(1);

    jest.setSystemTime(Date.now() + 31_000);
    const fresh = await issuer.token({ sub: 'alice' });
    await expect(sut.verify(fresh)).resolves.toMatchObject({ subject: 'alice' });
    expect(issuer.jwksFetches).toBe(2);
  });

  it("answers 'try again' (not 'bad token') when the issuer's keys cannot be fetched", async () => {
    const token = await issuer.token({ sub: 'alice' });
    const sut = verifierFor();
    await issuer.close();
    await expect(sut.verify(token)).rejects.toThrow(IssuerUnavailableError);
    issuer = await LocalIssuer.start();
  });
});

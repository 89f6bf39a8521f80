import { isAdminToken } from './admin-token';

const TOKEN = 'the-operators-secret-token';

describe('isAdminToken', () => {
  it('accepts the configured token', () => {
    expect(isAdminToken(TOKEN, TOKEN)).toBe(true);
  });

  it.each([
    ['a wrong token of the same length', 'x'.repeat(TOKEN.length)],
    ['a prefix of the token', TOKEN.slice(0, 8)],
    ['the token with a suffix', `${TOKEN}x`],
    ['an empty token', ''],
  ])('refuses %s', (_case, offered) => {
    expect(isAdminToken(offered, TOKEN)).toBe(false);
  });
});

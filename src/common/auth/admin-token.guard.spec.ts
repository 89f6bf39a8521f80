import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { loadConfig } from '../../config/app-config';
import { AdminTokenGuard } from './admin-token.guard';

const TOKEN = 'the-operators-secret-token';

const requestWith = (authorization?: string): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ headers: authorization === undefined ? {} : { authorization } }) }),
  }) as ExecutionContext;

describe('AdminTokenGuard', () => {
  const sut = new AdminTokenGuard(loadConfig({ ADMIN_TOKEN: TOKEN }));

  it('lets the configured bearer token through', () => {
    expect(sut.canActivate(requestWith(`Bearer ${TOKEN}`))).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${TOKEN}`],
    ['a wrong token of the same length', `Bearer ${'x'.repeat(TOKEN.length)}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 8)}`],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
    ['an empty token', 'Bearer '],
  ])('refuses %s with 401', (_case, header) => {
    expect(() => sut.canActivate(requestWith(header))).toThrow(UnauthorizedException);
  });

  it('lets everything through when no token is configured', () => {
    expect(new AdminTokenGuard(loadConfig({})).canActivate(requestWith())).toBe(true);
  });
});

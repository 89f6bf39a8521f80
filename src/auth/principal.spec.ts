import { NotOwnerError, OtherUserError } from './auth-errors';
import { Principal } from './principal';

describe('Principal', () => {
  const alice = Principal.subjectOf('alice', []);
  const admin = Principal.subjectOf('ada', ['admin']);

  describe('maySee', () => {
    it.each([
      ['the owner', alice, true],
      ['another subject', Principal.subjectOf('bob', ['organizer']), false],
      ['an admin', admin, true],
      ['anyone while identity is off', Principal.OPEN, true],
    ])('%s: %p', (_who, sut, expected) => {
      expect(sut.maySee('alice')).toBe(expected);
    });
  });

  describe('assertMayChange', () => {
    it('lets the owner and, with identity off, anyone change', () => {
      expect(() => alice.assertMayChange('alice')).not.toThrow();
      expect(() => Principal.OPEN.assertMayChange('alice')).not.toThrow();
    });

    it.each([
      ['an admin', admin],
      ['the admin token', Principal.ADMIN_TOKEN],
    ])('refuses %s acting for someone else', (_who, sut) => {
      expect(() => sut.assertMayChange('alice')).toThrow(NotOwnerError);
    });
  });

  describe('ownerNamed', () => {
    it('is the subject, whether userId repeats it or is left out', () => {
      expect(alice.ownerNamed(undefined)).toBe('alice');
      expect(alice.ownerNamed('alice')).toBe('alice');
    });

    it('refuses a userId other than the subject', () => {
      expect(() => alice.ownerNamed('bob')).toThrow(OtherUserError);
      expect(() => Principal.ADMIN_TOKEN.ownerNamed(undefined)).toThrow(OtherUserError);
    });

    it('is whatever the request names while identity is off', () => {
      expect(Principal.OPEN.ownerNamed('bob')).toBe('bob');
      expect(Principal.OPEN.ownerNamed(undefined)).toBeUndefined();
    });
  });

  describe('qualify', () => {
    it('keeps the name as it is while identity is off and for the admin token', () => {
      expect(Principal.OPEN.qualify('locks.create')).toBe('locks.create');
      expect(Principal.ADMIN_TOKEN.qualify('jobs.expire-locks')).toBe('jobs.expire-locks');
    });

    it('keeps the form `<name>|sub=<subject>` that stored records and event ids were made with', () => {
      expect(Principal.subjectOf('a b', []).qualify('events.create')).toBe('events.create|sub=a%20b');
    });

    it('differs per subject', () => {
      expect(alice.qualify('locks.create')).not.toBe(Principal.subjectOf('bob', []).qualify('locks.create'));
    });

    it('holds no space, so no subject and key can spell another pair in the record id `<scope> <key>`', () => {
      // Without encoding, ("a b", key "c") and ("a", key "b c") would both be `locks.create|sub=a b c`.
      const scope = Principal.subjectOf('a b', []).qualify('locks.create');
      expect(scope).not.toContain(' ');
      expect(`${scope} c`).not.toBe(`${Principal.subjectOf('a', []).qualify('locks.create')} b c`);
    });
  });

  it('takes every role while identity is off, and only its own otherwise', () => {
    expect(Principal.OPEN.hasRole('admin')).toBe(true);
    expect(admin.hasRole('admin')).toBe(true);
    expect(admin.hasRole('organizer')).toBe(false);
    expect(alice.hasRole('admin')).toBe(false);
  });
});

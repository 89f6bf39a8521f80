import { DomainError } from '../common/errors/domain-error';

/** 401 answers carry an RFC 6750 challenge; the guard sets it from `challenge`. */
export class AuthenticationError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly challenge: string,
  ) {
    super('UNAUTHORIZED', code, message);
  }
}

export class TokenRequiredError extends AuthenticationError {
  constructor() {
    super('AUTH.REQUIRED', 'A bearer token is required: Authorization: Bearer <token>', 'Bearer realm="api"');
  }
}

/** Says what was wrong with the token in general terms only: the details are for the log, not the caller. */
export class InvalidTokenError extends AuthenticationError {
  constructor(reason: string) {
    super(
      'AUTH.INVALID_TOKEN',
      `The bearer token is not valid: ${reason}`,
      `Bearer realm="api", error="invalid_token", error_description="${reason}"`,
    );
  }
}

export class MissingRoleError extends DomainError {
  constructor(role: string) {
    super('FORBIDDEN', 'AUTH.ROLE_REQUIRED', `This operation needs the ${role} role`);
  }
}

export class OtherUserError extends DomainError {
  constructor() {
    super('FORBIDDEN', 'AUTH.OTHER_USER', 'userId must be the subject of your token (or be left out)');
  }
}

export class NotOwnerError extends DomainError {
  constructor() {
    super('FORBIDDEN', 'AUTH.NOT_OWNER', 'Only the owner may change this resource');
  }
}

/** The issuer's keys cannot be fetched: nobody can be identified until they can, so try again shortly. */
export class IssuerUnavailableError extends DomainError {
  constructor() {
    super('UNAVAILABLE', 'AUTH.KEYS_UNAVAILABLE', "The identity provider's signing keys cannot be fetched", 1);
  }
}

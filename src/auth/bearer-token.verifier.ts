import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config';
import { InvalidTokenError, IssuerUnavailableError } from './auth-errors';
import { Principal } from './principal';

/** Signatures made with a private key only: `none` and HMAC (which a public key could forge) never pass. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
/** How far the issuer's clock and ours may disagree on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** OpenID Connect Core 1.0 §2: a `sub` is at most 255 ASCII characters. */
const MAX_SUBJECT_LENGTH = 255;

const REASONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm not accepted',
  ERR_JWKS_NO_MATCHING_KEY: 'signed with an unknown key',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'signed with an unknown key',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'bad signature',
};
const CLAIM_REASONS: Record<string, string> = {
  nbf: 'not valid yet',
  iat: 'issued in the future',
  iss: 'wrong issuer',
  aud: 'wrong audience',
};

/**
 * Checks a bearer token against the configured OpenID Connect issuer and names its principal. The keys come
 * from the issuer's JWKS, cached; a token signed with a key not in the cache refetches them (at most once
 * per AUTH_KEY_COOLDOWN_SECONDS), so a rotation at the issuer needs no restart here.
 */
@Injectable()
export class BearerTokenVerifier {
  private readonly keys?: JWTVerifyGetKey;

  constructor(private readonly config: AppConfig) {
    const identity = config.identity;
    if (!identity) return;
    const remote = createRemoteJWKSet(new URL(identity.jwksUrl), {
      cooldownDuration: config.AUTH_KEY_COOLDOWN_SECONDS * 1000,
      timeoutDuration: 5000,
    });
    this.keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // A key the issuer does not publish is the token's fault; any other failure is the key source's.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new IssuerUnavailableError();
      }
    };
  }

  async verify(token: string): Promise<Principal> {
    const identity = this.config.identity;
    if (!identity || !this.keys) throw new Error('BearerTokenVerifier: identity is off (no AUTH_ISSUER)');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: identity.issuer,
        audience: identity.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw tokenError(error);
    }
    const { sub, roles } = payload;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH)
      throw new InvalidTokenError('no usable subject');
    const granted = Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
    return Principal.subjectOf(sub, granted);
  }
}

/** What is wrong with the token, in a few words safe to show; or, keys unavailable, that nobody can be checked now. */
function tokenError(error: unknown): Error {
  if (error instanceof IssuerUnavailableError) return error;
  if (error instanceof errors.JWTClaimValidationFailed)
    return new InvalidTokenError(CLAIM_REASONS[error.claim] ?? 'claims not accepted');
  const code = error instanceof errors.JOSEError ? error.code : '';
  return new InvalidTokenError(REASONS[code] ?? 'malformed');
}

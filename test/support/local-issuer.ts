import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** The audience the local issuer's tokens are for, and the one the apps it serves are configured with. */
export const LOCAL_AUDIENCE = 'event-booking-api';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  publicKey: KeyLike;
  jwk: JWK;
}

export interface TokenClaims {
  /** The subject; null leaves `sub` out. */
  sub: string | null;
  roles?: string[];
}

export interface TokenOptions {
  /** Seconds from now until `exp` (default one hour); negative for a token that has expired. */
  expiresIn?: number;
  /** Seconds from now until `nbf`; unset, no `nbf`. */
  notBefore?: number;
  issuer?: string;
  audience?: string;
  /** Signs with this key instead of the current published one (e.g. one the issuer never published). */
  key?: SigningKey;
}

/**
 * A minimal OpenID Connect issuer on loopback, for the tests and for `npm run dev-issuer`: it generates its
 * keys, publishes them at /.well-known/jwks.json (and a discovery document), and signs tokens. `rotate`
 * publishes a new key and signs with it from then on, as a real issuer rotates.
 */
export class LocalIssuer {
  private readonly keys: SigningKey[] = [];
  /** How many times the JWKS was fetched: a rotation shows up as a refetch. */
  jwksFetches = 0;

  private constructor(
    private readonly server: Server,
    firstKey: SigningKey,
  ) {
    this.keys.push(firstKey);
  }

  /** Listens on 127.0.0.1 (`port` 0: any free port) with one key published before the first request can come. */
  static async start(options: { port?: number } = {}): Promise<LocalIssuer> {
    const issuer = new LocalIssuer(createServer(), await LocalIssuer.newKey());
    issuer.server.on('request', (req, res) => {
      const body = issuer.document(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body ?? { error: 'not_found' }));
    });
    await new Promise<void>((resolve, reject) => {
      issuer.server.once('error', reject);
      issuer.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    return issuer;
  }

  /** The issuer's identifier (`iss`), its base URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A fresh key pair with a unique `kid`, published by no issuer (`token` can sign with it anyway). */
  static async newKey(alg: SigningKey['alg'] = 'RS256'): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const kid = randomUUID();
    return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
  }

  /** What an app needs to trust this issuer. */
  get env(): { AUTH_ISSUER: string; AUTH_AUDIENCE: string } {
    return { AUTH_ISSUER: this.url, AUTH_AUDIENCE: LOCAL_AUDIENCE };
  }

  /** The key tokens are signed with by default: the newest published. */
  get currentKey(): SigningKey {
    return this.keys[this.keys.length - 1];
  }

  /** Publishes a new key (the older ones stay published) and signs with it from now on. */
  async rotate(alg: SigningKey['alg'] = 'RS256'): Promise<SigningKey> {
    const key = await LocalIssuer.newKey(alg);
    this.keys.push(key);
    return key;
  }

  /** The current key's public half as PEM: what an HS256 forgery would use as its secret. */
  publicKeyPem(): Promise<string> {
    return exportSPKI(this.currentKey.publicKey);
  }

  async token(claims: TokenClaims, options: TokenOptions = {}): Promise<string> {
    const key = options.key ?? this.currentKey;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims.roles === undefined ? {} : { roles: claims.roles })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 3600));
    if (claims.sub !== null) jwt.setSubject(claims.sub);
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private document(path: string): object | undefined {
    if (path === '/.well-known/jwks.json') {
      this.jwksFetches += 1;
      return { keys: this.keys.map((key) => key.jwk) };
    }
    if (path === '/.well-known/openid-configuration') {
      return {
        issuer: this.url,
        jwks_uri: `${this.url}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        subject_types_supported: ['public'],
        response_types_supported: ['token'],
      };
    }
    return undefined;
  }
}

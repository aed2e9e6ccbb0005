import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

// A software passkey for tests: an ES256 (P-256) key that answers the server's options as a
// browser and authenticator would (attestation "none"), byte for byte as the WebAuthn spec lays
// them out, so the library checks it as it checks a real one. Every field can be bent to a lie.

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64url = (bytes: Uint8Array) => isoBase64URL.fromBuffer(Uint8Array.from(bytes));

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** What the browser would put in clientDataJSON, and where each part can be replaced. */
export interface Ceremony {
  challenge: string;
  origin: string;
  rpID: string;
  /** Defaults to the ceremony's own: "webauthn.create" to register, "webauthn.get" to prove. */
  type?: string;
  /** Whether the person was verified (PIN, fingerprint); presence alone otherwise. */
  verified?: boolean;
}

export interface SoftPasskey {
  /** The credential id, base64url, as the browser sends it in `id` and `rawId`. */
  id: string;
  /** The signature counter the next answer carries (each answer adds one unless told otherwise). */
  counter: number;
  register(c: Ceremony): RegistrationResponseJSON;
  /** An answer signed by this key, or by `signer` (another key) with this key's id. */
  authenticate(c: Ceremony & { counter?: number; signer?: SoftPasskey }): AuthenticationResponseJSON;
  /** The public key as the server should keep it (COSE, as in the attestation). */
  readonly publicKey: Uint8Array;
  /** The private key, for another passkey to sign with (a forgery). */
  readonly privateKey: KeyObject;
}

/** A new software passkey; `synced` sets the backup flags (a multi-device passkey). */
export function softPasskey(
  options: { counter?: number; synced?: boolean; id?: Uint8Array } = {},
): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const rawId = options.id ?? randomBytes(32);
  const backup = options.synced ? FLAG_BE | FLAG_BS : 0;
  const coseKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, isoBase64URL.toBuffer(jwk.x!)],
      [-3, isoBase64URL.toBuffer(jwk.y!)],
    ]),
  );

  function clientData(c: Ceremony, type: string): Buffer {
    const json = { type: c.type ?? type, challenge: c.challenge, origin: c.origin, crossOrigin: false };
    return Buffer.from(JSON.stringify(json));
  }

  function flags(c: Ceremony, extra = 0): Buffer {
    return Buffer.from([FLAG_UP | (c.verified ? FLAG_UV : 0) | backup | extra]);
  }

  const passkey: SoftPasskey = {
    id: b64url(rawId),
    counter: options.counter ?? 0,
    publicKey: coseKey,
    privateKey,
    register(c) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(rawId.length);
      const authData = Buffer.concat([
        sha256(c.rpID),
        flags(c, FLAG_AT),
        uint32(passkey.counter),
        Buffer.alloc(16), // aaguid: none
        idLength,
        rawId,
        coseKey,
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ["fmt", "none"],
          ["attStmt", new Map<string, string>()],
          ["authData", Uint8Array.from(authData)],
        ]),
      );
      return {
        id: passkey.id,
        rawId: passkey.id,
        type: "public-key",
        response: {
          clientDataJSON: b64url(clientData(c, "webauthn.create")),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
      };
    },
    authenticate(c) {
      passkey.counter = c.counter ?? passkey.counter + 1;
      const authData = Buffer.concat([sha256(c.rpID), flags(c), uint32(passkey.counter)]);
      const data = clientData(c, "webauthn.get");
      // ECDSA over authData || sha256(clientDataJSON), DER-encoded as authenticators send it.
      const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), {
        key: (c.signer ?? passkey).privateKey,
        dsaEncoding: "der",
      });
      return {
        id: passkey.id,
        rawId: passkey.id,
        type: "public-key",
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
        },
        clientExtensionResults: {},
      };
    },
  };
  return passkey;
}

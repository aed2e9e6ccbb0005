import { z } from "zod";

// What a browser sends back from navigator.credentials, as @simplewebauthn/browser shapes it:
// checked before it reaches the library, so a call with anything else is refused plainly.

const b64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384);

export const RegistrationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(20)).max(10).optional(),
    authenticatorData: b64url.optional(),
    publicKey: b64url.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const AuthenticationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const PasskeyNameSchema = z
  .string()
  .trim()
  .min(1, { error: "Give the passkey a name, like “Work laptop”." })
  .max(60, { error: "Use 60 characters or fewer." });

/** What a passkey button hears back: where to go, a message, or the codes to show once. */
export interface PasskeyAnswer {
  ok?: string;
  message?: string;
  redirectTo?: string;
  recoveryCodes?: string[];
}

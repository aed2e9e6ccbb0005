import { z } from "zod";

/** 32 random bytes, base64url: 43 characters. */
export const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

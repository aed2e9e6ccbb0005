import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/next-auth";
import { auditRefusedCallback } from "@/lib/auth/oidc/callback";
import { asAddressed } from "@/lib/auth/request-url";

export function POST(request: NextRequest): Promise<Response> {
  return handlers.POST(asAddressed(request));
}

/** Auth.js's GET routes; a provider callback it turns away is audited (ADR 014). */
export async function GET(request: NextRequest): Promise<Response> {
  const addressed = asAddressed(request);
  const response = await handlers.GET(addressed);
  await auditRefusedCallback(addressed, response);
  return response;
}

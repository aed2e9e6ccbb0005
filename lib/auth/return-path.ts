/**
 * Where to go after signing in: a path on this site only. Anything else (another origin, `//host`,
 * `/\host`, a scheme, control characters, the sign-in pages themselves or the API) gives "/", which
 * sends each role home. Never an open redirect.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, "http://carebridge.invalid");
  } catch {
    return "/";
  }
  if (url.origin !== "http://carebridge.invalid") return "/";
  const path = url.pathname;
  // Dot segments are resolved by the parse: "/.//evil.example" comes out as "//evil.example",
  // which a browser reads as another host. What is returned is checked again, as parsed.
  if (path.startsWith("//")) return "/";
  // Next decodes the path before routing, so "/%6Cogin" is the sign-in page too.
  let routed: string;
  try {
    routed = decodeURIComponent(path);
  } catch {
    return "/";
  }
  if (/^\/(login|api)(\/|$)/.test(routed)) return "/";
  return `${path}${url.search}`;
}

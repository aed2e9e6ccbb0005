/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and argon2 a native addon: load both from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg-boss", "pg", "nodemailer"],
  // Carebridge shows no next/image; with the optimiser off /_next/image is a 404 instead of a
  // route that fetches any same-site URL (a signed-out request for one answered 500).
  images: { unoptimized: true },
  experimental: {
    // The same limit as ATTACHMENT_BODY_BYTES in lib/http/request-guards.ts (a conversation's
    // message with a 10 MB attachment), where the proxy refuses a larger body with 413 before Next
    // would (with a 500); every other path the proxy holds to MAX_BODY_BYTES (200 KB).
    serverActions: { bodySizeLimit: "11mb" },
    // Next copies every request body for the proxy, 10 MB by default; the proxy needs no more
    // than a byte past the largest limit to refuse it.
    proxyClientMaxBodySize: "12mb",
  },
  async headers() {
    const common = [
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      {
        key: "Permissions-Policy",
        value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
      },
    ];
    if (process.env.NODE_ENV === "production") {
      common.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    }
    return [{ source: "/:path*", headers: common }];
  },
};

export default nextConfig;

const production = process.env.NODE_ENV === "production";

/**
 * Security headers for every response. The Content-Security-Policy of pages (and of everything else proxy.ts
 * sees) is set by proxy.ts with a fresh nonce per response (server/http/csp.ts). The API paths, which the proxy
 * skips, answer JSON and redirects (and Auth.js's plain fallback pages): their policy runs no script at all.
 */
const apiContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "nodemailer"],
  poweredByHeader: false,
  // forbidden() and forbidden.tsx: a member without the permission gets a real 403 page inside the
  // organisation's layout (server/session.ts). Still behind this flag in Next 16.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    ];
  },
};
export default nextConfig;

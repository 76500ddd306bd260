/**
 * Return-URL payloads that must never lead off the portal: the unit test runs each through safeCallbackPath and
 * the end-to-end test through the real sign-in page, /signed-in and the sign-in form. Collected from the usual
 * open-redirect lists (protocol-relative, backslashes, dot segments, percent-encoding, whitespace and control
 * characters, schemes, userinfo) and from the penetration test of issue 12.
 */
export const OPEN_REDIRECT_PAYLOADS: readonly string[] = [
  // absolute URLs and schemes
  "https://evil.example",
  "http://evil.example/o/x",
  "HTTPS://evil.example",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "ftp://evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "//evil.example/%2e%2e",
  // backslashes
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/%5cevil.example",
  "/%5c%5cevil.example",
  "/%2f%2fevil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  // dot segments that normalise to "//"
  "/.//evil.example",
  "/././/evil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/a/%2e%2e//evil.example",
  "/.%2f/evil.example",
  "/%2e%2f/evil.example",
  "/./%2fevil.example",
  // whitespace and control characters (browsers strip tabs and newlines inside URLs)
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%00/evil.example",
  " //evil.example",
  "\t//evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  // userinfo and hosts hidden in the authority
  "//user@evil.example",
  "//user:pass@evil.example",
  "https://portal.example@evil.example",
  "/@evil.example".replace("/", "//"),
  "//evil.example\\@portal.example",
  "//evil%2eexample",
  "//%65vil.example",
  // relative references without a leading slash
  "evil.example",
  "./evil.example",
  "../evil.example",
  "?next=//evil.example",
  "#//evil.example",
  // oddities
  "/\\t/evil.example".replace("\\t", "\\"),
  "//\u3002evil.example",
  "/\u3000/evil.example",
];

import { ImageResponse } from "next/og";

/** The home-screen icon (iOS and others that want a PNG): app/icon.svg's drawing, rendered to 180 × 180 at build. */
export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#2256bb",
      }}
    >
      <svg width="150" height="150" viewBox="0 0 32 32">
        <path d="M16 5 25 8.6v6.6c0 5.6-3.8 9.8-9 11.8-5.2-2-9-6.2-9-11.8V8.6Z" fill="#fff" />
        <path
          d="m11.6 15.9 3.1 3.1 5.9-6.2"
          fill="none"
          stroke="#2256bb"
          strokeWidth="2.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </div>,
    size,
  );
}

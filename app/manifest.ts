import type { MetadataRoute } from "next";

/** Lets a browser install the portal as an app, with the drawn icons (app/icon.svg, app/apple-icon.tsx). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Partner Capability Portal",
    short_name: "Capability Portal",
    description: "Track your Partner Capability Score for the Solutions Partner for Security designation.",
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#2256bb",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon", sizes: "180x180", type: "image/png" },
    ],
  };
}

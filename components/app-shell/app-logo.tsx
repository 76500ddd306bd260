import { cn } from "@/lib/utils";

/**
 * The portal's mark: a shield with a tick on a rounded square, the same drawing as app/icon.svg (the favicon) but in
 * the theme's colours, so it follows dark mode. Decorative: the product name always sits beside it.
 */
function AppLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={cn("size-6", className)}>
      <rect width="32" height="32" rx="7" className="fill-primary" />
      <path d="M16 5 25 8.6v6.6c0 5.6-3.8 9.8-9 11.8-5.2-2-9-6.2-9-11.8V8.6Z" className="fill-primary-foreground" />
      <path
        d="m11.6 15.9 3.1 3.1 5.9-6.2"
        fill="none"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-primary"
      />
    </svg>
  );
}

export { AppLogo };

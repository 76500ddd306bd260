import type { ReactNode } from "react";

/**
 * The body of the "not found" and "no access" pages: an icon, a heading, a sentence or two and the ways on.
 * Rendered inside whichever shell the page has (the organisation's layout, or the plain one).
 */
function StatusPage({
  icon,
  title,
  children,
  actions,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-12 text-center sm:py-16">
      <div
        aria-hidden="true"
        className="flex size-14 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-7"
      >
        {icon}
      </div>
      <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
      <div className="grid gap-2 text-muted-foreground">{children}</div>
      {actions ? <div className="flex flex-col flex-wrap justify-center gap-2 sm:flex-row">{actions}</div> : null}
    </div>
  );
}

export { StatusPage };

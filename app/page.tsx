import Link from "next/link";
import { redirect } from "next/navigation";

import { AppShell } from "@/components/app-shell/app-shell";
import { Button } from "@/components/ui/button";
import { getCurrentUser, homePathFor } from "@/server/session";

/** The product page for visitors; a signed-in person (the logo links here) goes back to their last organisation. */
export default async function HomePage() {
  const user = await getCurrentUser();
  if (user) redirect(await homePathFor(user.id));
  return (
    <AppShell>
      <section
        aria-labelledby="landing-heading"
        className="mx-auto flex max-w-2xl flex-col items-start gap-6 py-8 sm:py-16"
      >
        <h1 id="landing-heading" className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          Know where your Security designation stands
        </h1>
        <p className="text-base leading-relaxed text-muted-foreground sm:text-lg">
          The Partner Capability Portal helps a Microsoft partner keep track of its Partner Capability Score for the
          Solutions Partner for Security designation. See which customer tenants count towards Net customer adds and why
          each one does or doesn&rsquo;t, and find out what is likely to change next month, before it shows up in
          Partner Center.
        </p>
        <div className="flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
          <Button asChild size="lg">
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/sign-up">Create an account</Link>
          </Button>
        </div>
      </section>
    </AppShell>
  );
}

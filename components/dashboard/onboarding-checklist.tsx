import type { ReactNode } from "react";
import Link from "next/link";
import { CircleCheck, Circle } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OnboardingProgress } from "@/db/queries/onboarding";

type Step = { key: keyof Omit<OnboardingProgress, "sample" | "realData">; title: string; detail: ReactNode };

/** The first-run checklist: four steps that tick themselves as the organisation does them. */
export function OnboardingChecklist({
  slug,
  progress,
  hasSnapshot,
  mayInvite,
}: {
  slug: string;
  progress: OnboardingProgress;
  hasSnapshot: boolean;
  mayInvite: boolean;
}) {
  const base = `/o/${slug}`;
  const link = (href: string, text: string) => (
    <Link className="font-medium underline underline-offset-4" href={href}>
      {text}
    </Link>
  );
  const steps: Step[] = [
    {
      key: "azure",
      title: "Import your Azure usage",
      detail: (
        <>
          The AzureUsage report from Partner Center Insights. {link(`${base}/imports`, "Import it")} ·{" "}
          {link(`${base}/guide#azure`, "Where do I get it?")}
        </>
      ),
    },
    {
      key: "m365",
      title: "Import your Microsoft 365 licences",
      detail: (
        <>
          Paid licences per workload and month. {link(`${base}/imports`, "Import it")} ·{" "}
          {link(`${base}/guide#m365`, "Where do I get it?")}
        </>
      ),
    },
    {
      key: "colleague",
      title: "Invite a colleague",
      detail: mayInvite ? (
        <>Analysts import the monthly files, viewers read the dashboards. {link(`${base}/members`, "Invite someone")}</>
      ) : (
        <>An admin of this organisation can invite colleagues from the Members page.</>
      ),
    },
    {
      key: "points",
      title: "Enter your Skilling and Customer Success points",
      detail: hasSnapshot ? (
        <>
          The portal cannot compute them: copy them from Partner Center. {link(`${base}#pcs-heading`, "Enter points")}
        </>
      ) : (
        <>The portal cannot compute them: once data is imported, type them in on this dashboard.</>
      ),
    },
  ];
  const done = steps.filter((s) => progress[s.key]).length;
  return (
    <Card data-testid="onboarding-checklist">
      <CardHeader>
        <CardTitle as="h2">Get started</CardTitle>
        <CardDescription>
          {done} of {steps.length} steps done. {link(`${base}/guide`, "Where do I get these files?")}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-4">
          {steps.map((s) => {
            const complete = progress[s.key];
            return (
              <li key={s.key} className="flex gap-3" data-testid={`step-${s.key}`} data-done={complete}>
                {complete ? (
                  <CircleCheck
                    className="mt-0.5 size-5 shrink-0 text-green-600 dark:text-green-400"
                    aria-hidden="true"
                  />
                ) : (
                  <Circle className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
                )}
                <div className="grid gap-1 text-sm">
                  <p className={complete ? "font-medium text-muted-foreground line-through" : "font-medium"}>
                    {s.title}
                    <span className="sr-only">{complete ? " (done)" : " (to do)"}</span>
                  </p>
                  {complete ? null : <p className="text-muted-foreground">{s.detail}</p>}
                </div>
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}

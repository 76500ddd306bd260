import type { Metadata } from "next";
import Link from "next/link";
import { FreshnessCard, StaleDataBanner } from "@/components/dashboard/freshness";
import { Insights } from "@/components/dashboard/insights";
import { OnboardingChecklist } from "@/components/dashboard/onboarding-checklist";
import { SampleDataNotice } from "@/components/dashboard/sample-data-notice";
import { SampleDataForm } from "@/components/dashboard/sample-data-form";
import { PcsCards } from "@/components/dashboard/pcs-cards";
import { Trends } from "@/components/dashboard/trends";
import { QualificationWindowCard } from "@/components/dashboard/qualification-window";
import { windowInputs } from "@/db/queries/qualification";
import { qualificationWindow, windowMonths } from "@/lib/qualification-window";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { dataFreshness } from "@/db/queries/data-freshness";
import { listManualScores } from "@/db/queries/manual-scores";
import { onboardingProgress } from "@/db/queries/onboarding";
import { findSnapshotPreview, listSnapshots } from "@/db/queries/snapshots";
import { pcsSummary, trackPointsFrom } from "@/lib/pcs-total";
import { can } from "@/lib/permissions";
import { requireOrgMember } from "@/server/session";
import { clearSampleData, enterManualScores, loadSampleData } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

/** The organisation's score, data freshness, trends and insights — every number from the stored snapshots. */
export default async function OrgDashboardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgMember((await params).slug, "org.view");
  const db = await getDb();
  const today = new Date();
  const [snapshot, history, freshness, progress] = await Promise.all([
    findSnapshotPreview(db, org.id),
    listSnapshots(db, org.id),
    dataFreshness(db, org.id),
    onboardingProgress(db, org.id),
  ]);
  const mayUseSamples = can(role, "data.sample");
  const checklistDone = progress.azure && progress.m365 && progress.colleague && progress.points;
  const checklist = checklistDone ? null : (
    <OnboardingChecklist
      slug={org.slug}
      progress={progress}
      hasSnapshot={snapshot !== null}
      mayInvite={can(role, "invitations.manage")}
    />
  );
  const sampleNotice =
    progress.sample === "none" ? null : (
      <SampleDataNotice
        loading={progress.sample === "loading"}
        clearAction={mayUseSamples ? clearSampleData.bind(null, org.slug) : null}
      />
    );

  if (!snapshot) {
    return (
      <div className="grid gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">{org.name}</h1>
        <StaleDataBanner slug={org.slug} freshness={freshness} today={today} />
        {sampleNotice}
        <EmptyState
          title="No data yet — import your Azure usage export"
          description="Once your Azure usage and Microsoft 365 licence exports are imported, your Partner Capability Score, its trends and the customer tenants behind it appear here."
          action={
            <div className="flex flex-wrap items-start justify-center gap-2">
              <Button asChild size="sm">
                <Link href={`/o/${org.slug}/imports`}>Import data</Link>
              </Button>
              <Button asChild size="sm" variant="outline">
                <Link href={`/o/${org.slug}/guide`}>Where do I get these files?</Link>
              </Button>
              {mayUseSamples && progress.sample === "none" && !progress.realData ? (
                <SampleDataForm kind="load" action={loadSampleData.bind(null, org.slug)} />
              ) : null}
            </div>
          }
        />
        {checklist}
        <FreshnessCard freshness={freshness} snapshot={null} today={today} />
      </div>
    );
  }

  const entries = await listManualScores(db, org.id, snapshot.month);
  const summary = pcsSummary(
    trackPointsFrom(
      { enterprise: snapshot.result.tracks.enterprise.points, smb: snapshot.result.tracks.smb.points },
      entries,
    ),
  );
  const mayEnter = can(role, "scores.enterManual");
  const windowOf = windowMonths(snapshot.month);
  const qualification = qualificationWindow(
    snapshot.month,
    await windowInputs(db, org.id, windowOf[0]!, snapshot.month),
  );
  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{org.name}</h1>
          <p className="text-sm text-muted-foreground">
            Latest snapshot:{" "}
            <Link className="underline-offset-4 hover:underline" href={`/o/${org.slug}/snapshots/${snapshot.month}`}>
              data month {snapshot.month}
            </Link>{" "}
            · windows {snapshot.result.windows.current.from}–{snapshot.result.windows.current.to} and{" "}
            {snapshot.result.windows.previous.from}–{snapshot.result.windows.previous.to}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href={`/o/${org.slug}/snapshots/${snapshot.month}`}>Review the snapshot</Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={`/o/${org.slug}/report/${snapshot.month}`}>Monthly report</Link>
          </Button>
        </div>
      </div>
      <StaleDataBanner slug={org.slug} freshness={freshness} today={today} />
      {sampleNotice}
      <PcsCards
        summary={summary}
        result={snapshot.result}
        entries={entries}
        month={snapshot.month}
        enterAction={mayEnter ? enterManualScores.bind(null, org.slug) : null}
      />
      <QualificationWindowCard
        window={qualification}
        enrolledOn={org.enrolledOn}
        today={today.toISOString().slice(0, 10)}
        settingsHref={can(role, "org.settings") ? `/o/${org.slug}/settings` : null}
      />
      {snapshot.insights ? <Insights slug={org.slug} month={snapshot.month} insights={snapshot.insights} /> : null}
      <Trends slug={org.slug} results={history.map((s) => s.result)} />
      <FreshnessCard freshness={freshness} snapshot={snapshot} today={today} />
      {checklist}
    </div>
  );
}

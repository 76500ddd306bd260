import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { findRuleSet, getRuleSet, listRuleSets, type RuleSetData } from "@/lib/scoring";
import { formatUsd } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";
import { RulesForm } from "./rules-form";

export const metadata: Metadata = { title: "Rules" };

const BASES = [
  { value: "any-month", label: "Any month of the window (default)" },
  { value: "last-month", label: "Last month of the window" },
];

/** The rule set in force, its lists and thresholds (straight from the rule set data), and — for admins — how to change them. */
export default async function RulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgMember((await params).slug, "org.view");
  const rules = (findRuleSet(org.ruleSet) ?? getRuleSet()).data;
  const other = listRuleSets().filter((r) => r.id !== rules.id);
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Rules in force</h1>
        <p className="text-sm text-muted-foreground">
          How net customer adds are counted for this organisation. Each snapshot records the rule set and basis it was
          computed with.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            {rules.title} <Badge variant="outline">{rules.id}</Badge>
          </CardTitle>
          <CardDescription>
            Source:{" "}
            <a
              className="font-medium underline underline-offset-4"
              href={citationOf(rules.id).href}
              target="_blank"
              rel="noreferrer"
            >
              {citationOf(rules.id).label}
            </a>
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 text-sm">
          <Thresholds rules={rules} basis={org.m365Basis} />
          <div className="grid items-start gap-6 md:grid-cols-2">
            <List
              title="Eligible Azure services"
              items={rules.azure.services}
              differs={other.flatMap((o) => o.azure.services)}
            />
            <List
              title="Eligible Microsoft 365 workloads"
              items={workloadNames(rules)}
              differs={other.flatMap(workloadNames)}
            />
            <List title="Azure association types" items={rules.azure.associationTypes} />
            <List title="Microsoft 365 association types" items={rules.m365.associationTypes} />
            <List title="Excluded offers (every other offer counts)" items={rules.excludedOffers} />
          </div>
          {rules.hooks?.adjustCurrentM365 ? (
            <p>
              <span className="font-medium">SMB stickiness:</span> a tenant that is M365 Enterprise in the current
              window and was M365 SMB in the previous window also counts as M365 SMB in the current window.
            </p>
          ) : null}
          <p className="text-muted-foreground">
            Names are compared ignoring case, spaces and punctuation, through the alias tables (e.g. &ldquo;Azure Key
            Vault&rdquo; is Key Vault). Items marked &ldquo;only here&rdquo; are not in{" "}
            {other.map((o) => o.id).join(", ")}.
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change the rules</CardTitle>
          <CardDescription>
            {can(role, "org.settings")
              ? "Choose the rule set and the Microsoft 365 basis for this organisation."
              : "Only an admin of this organisation can change the rule set or the Microsoft 365 basis."}
          </CardDescription>
        </CardHeader>
        {can(role, "org.settings") ? (
          <CardContent>
            <RulesForm
              slug={org.slug}
              ruleSet={org.ruleSet}
              m365Basis={org.m365Basis}
              ruleSets={listRuleSets().map((r) => ({ value: r.id, label: `${r.id} — ${r.title}` }))}
              bases={BASES}
            />
          </CardContent>
        ) : null}
      </Card>
    </div>
  );
}

/**
 * Microsoft's published rules for each rule set: the Partner Center page that defines the Solutions Partner for
 * Security designation and its net customer adds metric (the rule set's own `source` note says where its lists
 * were taken from).
 */
const SECURITY_DOCS = "https://learn.microsoft.com/partner-center/membership/solutions-partner-security";
function citationOf(ruleSetId: string): { label: string; href: string } {
  if (ruleSetId === "security-2026") {
    return { label: "Microsoft Learn, Solutions Partner for Security (May 2026)", href: SECURITY_DOCS };
  }
  return { label: "Microsoft Partner Center, Solutions Partner for Security (2025 requirements)", href: SECURITY_DOCS };
}

function workloadNames(rules: RuleSetData): string[] {
  return Object.keys(rules.m365.workloads);
}

function Thresholds({ rules, basis }: { rules: RuleSetData; basis: string }) {
  const { points, m365 } = rules;
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
      <dt className="text-muted-foreground">Windows</dt>
      <dd>
        Current: the {rules.windowMonths} months up to the data month; previous: the {rules.windowMonths} months before
        that
      </dd>
      <dt className="text-muted-foreground">Azure</dt>
      <dd>At least {formatUsd(rules.azure.minimumEligibleAcr)} of eligible spend in the window (inclusive)</dd>
      <dt className="text-muted-foreground">Microsoft 365</dt>
      <dd>
        Per workload, never summed across workloads: SMB {m365.smbMinUnits}–{m365.smbMaxUnits} paid units; Enterprise
        more than {m365.smbMaxUnits}
      </dd>
      <dt className="text-muted-foreground">M365 basis</dt>
      <dd data-testid="m365-basis">
        {basis === "last-month"
          ? "last-month: the condition must hold in the last month of the window"
          : "any-month: the condition must hold in at least one month of the window"}
      </dd>
      <dt className="text-muted-foreground">Points</dt>
      <dd>
        Enterprise {points.enterprise} per net add, SMB {points.smb} per net add, at most {points.maximum} (Enterprise
        at {Math.ceil(points.maximum / points.enterprise)} net adds, SMB at {Math.ceil(points.maximum / points.smb)})
      </dd>
    </dl>
  );
}

function List({ title, items, differs }: { title: string; items: readonly string[]; differs?: readonly string[] }) {
  return (
    <div className="grid content-start gap-2">
      <h3 className="font-medium">
        {title} ({items.length})
      </h3>
      <ul className="grid gap-0.5">
        {items.map((item) => (
          <li key={item}>
            {item}
            {differs && !differs.includes(item) ? (
              <Badge variant="secondary" className="ml-2">
                only here
              </Badge>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

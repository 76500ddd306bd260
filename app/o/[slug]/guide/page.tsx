import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { GUIDE_COLUMNS, SAMPLE_FILE_SIZE, type GuideSource } from "@/lib/import-guide";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Where do I get these files?" };

const DOCS = {
  datasets: "https://learn.microsoft.com/partner-center/insights/insights-data-frequency",
  faq: "https://learn.microsoft.com/partner-center/insights/insights-known-issues",
  security: "https://learn.microsoft.com/partner-center/membership/solutions-partner-security",
};

function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="font-medium underline underline-offset-4" href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

function Columns({ source }: { source: GuideSource }) {
  return (
    <Table aria-label={source === "azure" ? "Columns of the Azure usage file" : "Columns of the Microsoft 365 file"}>
      <TableHeader>
        <TableRow>
          <TableHead>Column</TableHead>
          <TableHead>Also accepted</TableHead>
          <TableHead>What the portal does with it</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {GUIDE_COLUMNS[source].map((c) => (
          <TableRow key={c.name}>
            <TableCell className="font-mono text-xs">
              {c.name}
              {c.required ? null : <span className="ml-1 font-sans text-muted-foreground">(optional)</span>}
            </TableCell>
            <TableCell className="font-mono text-xs whitespace-normal">{c.aliases.join(", ") || "—"}</TableCell>
            <TableCell className="whitespace-normal">{c.use}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Files({ source }: { source: GuideSource }) {
  const stem = source === "azure" ? "azure-usage" : "m365-licences";
  return (
    <div className="flex flex-wrap gap-2">
      <Button asChild size="sm" variant="outline">
        <a href={`/samples/${stem}-sample.csv`} download>
          <Download aria-hidden="true" /> Sample file
        </a>
      </Button>
      <Button asChild size="sm" variant="outline">
        <a href={`/samples/${stem}-template.csv`} download>
          <Download aria-hidden="true" /> Blank template
        </a>
      </Button>
    </div>
  );
}

/** Which Partner Center reports to download, how, and the columns each import reads. */
export default async function GuidePage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug, "org.view");
  const base = `/o/${org.slug}`;
  return (
    <div className="grid max-w-4xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Where do I get these files?</h1>
        <p className="text-sm text-muted-foreground">
          Both files come from the Insights workspace of Partner Center. Download them once a month, after Microsoft
          refreshes the previous month&apos;s data (by the 20th), and{" "}
          <Link className="font-medium underline underline-offset-4" href={`${base}/imports`}>
            import them here
          </Link>
          .
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Before you start</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <p>
            Sign in to Partner Center with your organisation&apos;s Microsoft AI Cloud Partner Program account (the
            Insights workspace is not in a CSP-only account). You need the <strong>Executive report viewer</strong>{" "}
            role: Azure consumed revenue (ACR) appears in the reports only for that role, and a Report viewer gets the
            Azure report without its dollars. (<ExternalLink href={DOCS.faq}>Microsoft: Insights FAQ</ExternalLink>)
          </p>
        </CardContent>
      </Card>

      <Card id="azure">
        <CardHeader>
          <CardTitle as="h2">Azure usage</CardTitle>
          <CardDescription>Import as &ldquo;Azure usage&rdquo;. One file with every month you have.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 text-sm">
          <ol className="grid list-decimal gap-2 pl-5">
            <li>In Partner Center, open the Insights workspace, then Download reports.</li>
            <li>
              Create a report from the <strong>AzureUsage</strong> dataset. Choose the columns in the table below and
              the last 24 months: two 12-month windows are compared, and the Azure usage data goes back 24 months.
            </li>
            <li>Choose CSV as the format, run the report, and download it when it is ready.</li>
            <li>
              Import it here with the data month set to the last complete month. The preview shows which of your columns
              the portal read for each field before anything is stored.
            </li>
          </ol>
          <p className="text-muted-foreground">
            The AzureUsage dataset refreshes every few days, and each month is keyed on its first day: a download of
            last month early in the month can be empty. (
            <ExternalLink href={DOCS.datasets}>Microsoft: data refresh frequency</ExternalLink>)
          </p>
          <Columns source="azure" />
          <Files source="azure" />
        </CardContent>
      </Card>

      <Card id="m365">
        <CardHeader>
          <CardTitle as="h2">Microsoft 365 licences</CardTitle>
          <CardDescription>
            Import as &ldquo;Microsoft 365 licences&rdquo;. Paid licences per customer, workload and month.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 text-sm">
          <ol className="grid list-decimal gap-2 pl-5">
            <li>In the Insights workspace, open Download reports again.</li>
            <li>
              Create a report from the usage datasets that carry the security workloads&apos; licences (Microsoft 365
              usage and EMS usage: Entra ID P1, Defender for Office 365, Defender for Endpoint, Defender for Identity,
              Purview Information Protection, Intune), with the columns below and the last 24 months.
            </li>
            <li>
              Download it as CSV. If the workloads come in two downloads, put their rows into one file under one header
              before importing: a second import of the same months replaces the first.
            </li>
            <li>Import it here with the same data month as the Azure file.</li>
          </ol>
          <p className="text-muted-foreground">
            Paid available units (PAU) are the paid licences assigned; monthly active users (MAU) can be higher and are
            not what is counted. (<ExternalLink href={DOCS.faq}>Microsoft: Insights FAQ</ExternalLink>)
          </p>
          <Columns source="m365" />
          <Files source="m365" />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Your own column names</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <p>
            Column names are matched ignoring case, spaces and underscores (&ldquo;Customer Tenant Id&rdquo; is
            CustomerTenantId), and the names under &ldquo;Also accepted&rdquo; work too. Other columns are ignored. A
            file missing a required column, or with a row the portal cannot read, is refused as a whole with a list of
            the lines to fix: nothing of it is stored.
          </p>
          <p>
            The sample files hold {SAMPLE_FILE_SIZE.tenants} generated customers over {SAMPLE_FILE_SIZE.months} months,
            in the shape the portal reads. The templates are the header row alone. To see the whole portal with
            generated data, an admin can choose{" "}
            <Link className="font-medium underline underline-offset-4" href={base}>
              Try it with sample data
            </Link>{" "}
            on the dashboard of an organisation without data.
          </p>
          <p>
            The rules the files are scored with:{" "}
            <Link className="font-medium underline underline-offset-4" href={`${base}/rules`}>
              Rules
            </Link>{" "}
            (<ExternalLink href={DOCS.security}>Microsoft: Solutions Partner for Security</ExternalLink>).
          </p>
        </CardContent>
      </Card>
    </div>
  );
}

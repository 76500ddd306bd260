import { describe, expect, it } from "vitest";
import { getRuleSet } from "../rules";
import { tenant, textInput } from "../test-support";
import type { AzureRow, M365Row } from "../types";
import { readAzureUsage } from "./azure-reader";
import { describeImport } from "./import-summary";
import { readM365Licenses } from "./m365-reader";

async function readAzure(text: string | Uint8Array) {
  const rows: AzureRow[] = [];
  const result = await readAzureUsage(textInput(text), { file: "azure.csv", onRow: (r) => rows.push(r) });
  return { result, rows };
}

async function readM365(text: string) {
  const rows: M365Row[] = [];
  const result = await readM365Licenses(textInput(text), { file: "m365.csv", onRow: (r) => rows.push(r) });
  return { result, rows };
}

const T = tenant(1);

describe("Azure reader", () => {
  it("emits normalised rows: lower-cased GUID, YYYY-MM, canonical names, micro-dollars", async () => {
    const { result, rows } = await readAzure(
      "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel\n" +
        `${T.toUpperCase()}, Contoso ,5/1/2026 12:00:00 AM,azure sentinel,Free Trial,CSP 2-Tier,12.345678,TRUE\n`,
    );
    expect(result.ok).toBe(true);
    expect(rows).toEqual([
      {
        tenantId: T,
        customerName: "Contoso",
        month: "2026-05",
        service: "Microsoft Sentinel",
        offer: "Trial",
        associationType: "CSP Tier 2",
        acr: 12_345_678n,
        duplicate: true,
        line: 2,
      },
    ]);
  });

  it("handles a BOM, CRLF, quoted fields with commas, quotes and line breaks, and blank lines", async () => {
    const text =
      "\ufeffCustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\r\n" +
      `${T},"Contoso, ""The"" Company",2026-05,Key Vault,PAL,1\r\n` +
      "\r\n   \r\n" +
      `${T},"Two\r\nlines",2026-05,Key Vault,PAL,2\r\n` +
      `${T},After,2026-05,Key Vault,PAL,3\r\n`;
    const { result, rows } = await readAzure(text);
    expect(result.ok).toBe(true);
    expect(rows.map((r) => [r.customerName, r.line])).toEqual([
      ['Contoso, "The" Company', 2],
      ["Two\r\nlines", 5],
      ["After", 7],
    ]);
    expect(rows.every((r) => r.offer === null)).toBe(true);
    if (result.ok) expect(result.summary.offerColumnPresent).toBe(false);
  });

  it("matches headers ignoring case, whitespace and underscores; canonical name first, then aliases in order, then leftmost", async () => {
    const text =
      "tenant id,Customer Tenant Id,usage_month,METER CATEGORY,Service Level 3,association type,ACR,Azure Consumed Revenue USD,Extra\n" +
      `not-used,${T},2026-05,Virtual Machines,Key Vault,PAL,600,1,x\n`;
    const { result, rows } = await readAzure(text);
    expect(result.ok).toBe(true);
    expect(rows[0]).toMatchObject({ tenantId: T, service: "Key Vault", acr: 600_000_000n });
  });

  it("splits a file across chunks anywhere, even inside a multi-byte character", async () => {
    const text = `CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n${T},Société Générale,2026-05,Key Vault,PAL,1\n`;
    const bytes = Buffer.from(text);
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    };
    const rows: AzureRow[] = [];
    const result = await readAzureUsage(chunks(), { file: "a.csv", onRow: (r) => rows.push(r) });
    expect(result.ok).toBe(true);
    expect(rows[0].customerName).toBe("Société Générale");
  });

  it("summarises rows per month and rows not counted by reason, for a given data month and rule set", async () => {
    const text =
      "CustomerTenantId,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel\n" +
      [
        `${T},2026-05,Key Vault,Azure Plan,PAL,1,0`,
        `${T},2026-05,Virtual Machines,Azure Plan,PAL,1,0`,
        `${T},2026-05,Virtual Machines,Azure Plan,PAL,1,0`,
        `${T},2026-06,Key Vault,Support,PAL,1,0`,
        `${T},2026-06,Key Vault,Azure Plan,CPOR,1,0`,
        `${T},2026-06,Key Vault,Azure Plan,,1,0`,
        `${T},2026-06,Key Vault,Azure Plan,PAL,1,1`,
        `${T},2026-11,Key Vault,Azure Plan,PAL,1,0`,
        `${T},2026-07,,Azure Plan,PAL,1,0`,
      ].join("\n");
    const { result } = await readAzure(text);
    if (!result.ok) throw new Error("rejected");
    const report = describeImport(result.summary, getRuleSet("security-2025"), "2026-10");
    expect(report.rowsRead).toBe(9);
    expect(report.rowsPerMonth).toEqual({ "2026-05": 3, "2026-06": 4, "2026-07": 1, "2026-11": 1 });
    expect(report.rowsCounted).toBe(1);
    expect(report.rowsNotCounted).toEqual({
      service: 3,
      offer: 1,
      associationType: 2,
      duplicate: 1,
      afterDataMonth: 1,
    });
    expect(report.unknownNames.service).toEqual([
      { name: "Virtual Machines", rows: 2 },
      { name: "", rows: 1 },
    ]);
    expect(report.unknownNames.associationType).toEqual([
      { name: "", rows: 1 },
      { name: "CPOR", rows: 1 },
    ]);
    // A later data month: the November row counts.
    expect(describeImport(result.summary, getRuleSet("security-2025"), "2026-11").rowsCounted).toBe(2);
  });
});

describe("M365 reader", () => {
  it("emits normalised rows with units and monthly active users", async () => {
    const { result, rows } = await readM365(
      "TenantId,Date,Product,PartnerAssociationType,PaidSeats,MAU\n" +
        `${T},2026-05-01T00:00:00Z,MDE Plan 2,Claiming Partner of Record,301,\n`,
    );
    expect(result.ok).toBe(true);
    expect(rows).toEqual([
      {
        tenantId: T,
        customerName: "",
        month: "2026-05",
        workload: "Microsoft Defender for Endpoint P2",
        associationType: "CPOR",
        paidUnits: 301,
        monthlyActiveUsers: null,
        line: 2,
      },
    ]);
  });

  it("summarises unknown workloads", async () => {
    const { result } = await readM365(
      "CustomerTenantId,Month,WorkloadName,AssociationType,PaidAvailableUnits\n" +
        `${T},2026-05,Exchange Online,CPOR,10\n${T},2026-05,Intune,PAL,10\n`,
    );
    if (!result.ok) throw new Error("rejected");
    const report = describeImport(result.summary, getRuleSet("security-2025"), "2026-10");
    expect(report.rowsNotCounted).toEqual({ workload: 1, associationType: 1 });
    expect(report.unknownNames.workload).toEqual([{ name: "Exchange Online", rows: 1 }]);
  });
});

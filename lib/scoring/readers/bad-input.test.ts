/** A file with any bad row is rejected whole, with errors naming file, line, column and the problem. */
import { describe, expect, it } from "vitest";
import { tenant, textInput } from "../test-support";
import { readAzureUsage } from "./azure-reader";
import { readM365Licenses } from "./m365-reader";

const AZ = "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel\n";
const M3 = "CustomerTenantId,Month,WorkloadName,AssociationType,PaidAvailableUnits,MonthlyActiveUsers\n";
const T = tenant(1);
const good = `${T},C,2026-05,Key Vault,PAL,1,0\n`;

async function azureErrors(text: string | Uint8Array) {
  let emitted = 0;
  const result = await readAzureUsage(textInput(text), { file: "a.csv", onRow: () => emitted++ });
  if (result.ok) throw new Error("expected the file to be rejected");
  return { ...result, emitted };
}

async function m365Errors(text: string) {
  const result = await readM365Licenses(textInput(text), { file: "m.csv" });
  if (result.ok) throw new Error("expected the file to be rejected");
  return result;
}

describe("bad Azure input", () => {
  it("an empty file", async () => {
    const r = await azureErrors("");
    expect(r.errors).toEqual([{ file: "a.csv", line: 1, column: null, message: expect.stringMatching(/empty/) }]);
  });

  it("a file of blank lines is empty", async () => {
    expect((await azureErrors("\n  \n\r\n")).errors[0].message).toMatch(/empty/);
  });

  it("header only", async () => {
    expect((await azureErrors(AZ)).errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/no data rows/),
    });
  });

  it("a missing required column: one error naming it", async () => {
    const r = await azureErrors(
      "CustomerTenantId,Month,ServiceName,AssociationType\n" + `${T},2026-05,Key Vault,PAL\n`,
    );
    expect(r.errors).toEqual([
      {
        file: "a.csv",
        line: 1,
        column: "ACR_USD",
        message: expect.stringMatching(/required column is missing.*ACR, AzureConsumedRevenueUSD/),
      },
    ]);
  });

  it("a wrong column count", async () => {
    const r = await azureErrors(AZ + good + `${T},C,2026-05,Key Vault,PAL,1\n`);
    expect(r.errors[0]).toMatchObject({ line: 3, column: null, message: expect.stringMatching(/expected 7.*found 6/) });
  });

  it.each([
    ["a bad GUID", `{${T}},C,2026-05,Key Vault,PAL,1,0`, "CustomerTenantId", /not a GUID/],
    ["an empty GUID", ",C,2026-05,Key Vault,PAL,1,0", "CustomerTenantId", /empty/],
    ["month 2026-13", `${T},C,2026-13,Key Vault,PAL,1,0`, "Month", /not a month/],
    ["a date that does not exist", `${T},C,2/30/2026,Key Vault,PAL,1,0`, "Month", /not a month/],
    ["12,50 as a number", `${T},C,2026-05,Key Vault,PAL,"12,50",0`, "ACR_USD", /not a decimal/],
    ["7 fractional digits", `${T},C,2026-05,Key Vault,PAL,1.1234567,0`, "ACR_USD", /not a decimal/],
    ["a bad duplicate flag", `${T},C,2026-05,Key Vault,PAL,1,yes`, "IsACRDuplicateAtPGALevel", /duplicate flag/],
  ])("%s", async (_, row, column, message) => {
    const r = await azureErrors(AZ + good + row + "\n");
    expect(r.errors[0]).toMatchObject({ file: "a.csv", line: 3, column, message: expect.stringMatching(message) });
  });

  it.each([
    ["a quote inside an unquoted field", `${T},Con"toso,2026-05,Key Vault,PAL,1,0\n`, /quote inside an unquoted field/],
    ["text after a closing quote", `${T},"Contoso"x,2026-05,Key Vault,PAL,1,0\n`, /text after a closing quote/],
    ["a file ending inside quotes", `${T},"Contoso,2026-05,Key Vault,PAL,1,0\n${T},C\n`, /ends inside a quoted field/],
  ])("%s is malformed", async (_, row, message) => {
    const r = await azureErrors(AZ + good + row);
    expect(r.errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(message) });
  });

  it("a 10 MB single line errors cleanly", async () => {
    const r = await azureErrors(AZ + "x".repeat(10 * 1024 * 1024));
    expect(r.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/longer than/) });
  });

  it("invalid UTF-8, with the line of the bad byte", async () => {
    const bytes = Buffer.concat([
      Buffer.from(AZ + good + good + `${T},Caf`),
      Buffer.from([0xe9]),
      Buffer.from(`,2026-05,Key Vault,PAL,1,0\n`),
    ]);
    const r = await azureErrors(bytes);
    expect(r.errors[0]).toMatchObject({ line: 4, column: null, message: expect.stringMatching(/UTF-8/) });
  });

  it("a file truncated inside a UTF-8 character", async () => {
    const bytes = Buffer.concat([Buffer.from(AZ + good + `${T},Caf`), Buffer.from([0xc3])]);
    expect((await azureErrors(bytes)).errors[0].message).toMatch(/UTF-8/);
  });

  it("validates rows in any month and reports every bad cell of a row", async () => {
    const r = await azureErrors(AZ + `nope,C,1999-13,Key Vault,PAL,abc,0\n`);
    expect(r.errors.map((e) => e.column)).toEqual(["CustomerTenantId", "Month", "ACR_USD"]);
  });

  it("keeps the first 100 errors and counts them all; stops emitting rows at the first error", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => (i === 100 ? good : `bad,C,2026-05,Key Vault,PAL,1,0\n`)).join(
      "",
    );
    const r = await azureErrors(AZ + good + rows);
    expect(r.errors).toHaveLength(100);
    expect(r.total).toBe(249);
    expect(r.emitted).toBe(1);
  });
});

describe("bad M365 input", () => {
  it.each([
    ["a negative licence count", `${T},2026-05,Intune,CPOR,-5,`, "PaidAvailableUnits", /whole number/],
    ["a decimal licence count", `${T},2026-05,Intune,CPOR,5.0,`, "PaidAvailableUnits", /whole number/],
    ["an empty licence count", `${T},2026-05,Intune,CPOR,,`, "PaidAvailableUnits", /whole number/],
    ["bad monthly active users", `${T},2026-05,Intune,CPOR,5,many`, "MonthlyActiveUsers", /whole number/],
  ])("%s", async (_, row, column, message) => {
    const r = await m365Errors(M3 + row + "\n");
    expect(r.errors[0]).toMatchObject({ file: "m.csv", line: 2, column, message: expect.stringMatching(message) });
  });
});

/**
 * Every value the readers accept is one the database can store; anything else is refused naming its line and
 * column, and files that are not a UTF-8 CSV of the right kind are named for what they are.
 */
import { describe, expect, it } from "vitest";
import type { AzureRow, M365Row } from "../types";
import { tenant, textInput } from "../test-support";
import { readAzureUsage } from "./azure-reader";
import { readM365Licenses } from "./m365-reader";

const AZ = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const M3 = "CustomerTenantId,CustomerName,Month,WorkloadName,AssociationType,PaidAvailableUnits,MonthlyActiveUsers\n";
const T = tenant(1);

async function azure(text: string | Uint8Array, fastPath = true) {
  const rows: AzureRow[] = [];
  const result = await readAzureUsage(textInput(text), { file: "a.csv", onRow: (r) => rows.push(r), fastPath });
  return { result, rows };
}
async function m365(text: string | Uint8Array, fastPath = true) {
  const rows: M365Row[] = [];
  const result = await readM365Licenses(textInput(text), { file: "m.csv", onRow: (r) => rows.push(r), fastPath });
  return { result, rows };
}
function firstError(result: Awaited<ReturnType<typeof readAzureUsage>>) {
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.errors[0];
}

describe.each([true, false])("values the database cannot hold (fast path %s)", (fastPath) => {
  it("an amount at bigint micro-dollars' edge is kept exactly; one past it is refused with line and column", async () => {
    const ok = await azure(
      `${AZ}${T},A,2026-05,Key Vault,,PAL,9223372036854.775807\n${T},A,2026-05,Key Vault,,PAL,-9223372036854.775808\n`,
      fastPath,
    );
    expect(ok.result.ok).toBe(true);
    expect(ok.rows.map((r) => r.acr)).toEqual([2n ** 63n - 1n, -(2n ** 63n)]);
    for (const acr of ["9223372036854.775808", "-9223372036854.775809", "99999999999999999999"]) {
      const { result, rows } = await azure(
        `${AZ}${T},A,2026-05,Key Vault,,PAL,1\n${T},A,2026-05,Key Vault,,PAL,${acr}\n`,
      );
      expect(firstError(result)).toMatchObject({
        line: 3,
        column: "ACR_USD",
        message: expect.stringMatching(/out of range/),
      });
      expect(rows).toHaveLength(1); // rows stop at the first error; the import rolls them back
    }
  });

  it("monthly active users fit a 32-bit integer, paid units an exact integer", async () => {
    const ok = await m365(`${M3}${T},A,2026-05,Intune,PAL,9007199254740991,2147483647\n`, fastPath);
    expect(ok.result.ok).toBe(true);
    expect(ok.rows[0]).toMatchObject({ paidUnits: 9007199254740991, monthlyActiveUsers: 2147483647 });
    const mau = await m365(`${M3}${T},A,2026-05,Intune,PAL,5,2147483648\n`, fastPath);
    expect(firstError(mau.result)).toMatchObject({
      line: 2,
      column: "MonthlyActiveUsers",
      message: '"2147483648" is out of range: at most 2147483647',
    });
    const units = await m365(`${M3}${T},A,2026-05,Intune,PAL,9007199254740993,1\n`, fastPath);
    expect(firstError(units.result)).toMatchObject({ column: "PaidAvailableUnits", message: /out of range/ });
  });

  it("a NUL or other control character is refused in every stored text column, naming it", async () => {
    const cells = (at: number, bad: string) => {
      const row = ["Contoso", "Key Vault", "Azure plan", "PAL"];
      row[at] = `${row[at]!.slice(0, 3)}${bad}${row[at]!.slice(3)}`;
      return `${AZ}${T},${row[0]},2026-05,${row[1]},${row[2]},${row[3]},12\n`;
    };
    const columns = ["CustomerName", "ServiceName", "OfferType", "AssociationType"];
    for (const [i, column] of columns.entries()) {
      for (const [bad, name] of [
        ["\u0000", "U+0000"],
        ["\u001b", "U+001B"],
        ["\u007f", "U+007F"],
        ["\u0085", "U+0085"],
      ] as const) {
        const { result } = await azure(cells(i, bad), fastPath);
        expect(firstError(result)).toEqual({
          file: "a.csv",
          line: 2,
          column,
          message: `contains a control character (${name}) at character 4: remove it from the export and upload it again`,
        });
      }
    }
    for (const [i, column] of ["CustomerName", "WorkloadName", "AssociationType"].entries()) {
      const row = ["Contoso", "Intune", "PAL"];
      row[i] = `${row[i]}\u0000`;
      const { result } = await m365(`${M3}${T},${row[0]},2026-05,${row[1]},${row[2]},3,\n`, fastPath);
      expect(firstError(result)).toMatchObject({ line: 2, column, message: /control character \(U\+0000\)/ });
    }
  });

  it("tabs and line breaks inside a quoted name are kept exactly", async () => {
    const { result, rows } = await azure(`${AZ}${T},"Tab\there\r\nand\nthere",2026-05,Key Vault,,PAL,12\n`, fastPath);
    expect(result.ok).toBe(true);
    expect(rows[0]!.customerName).toBe("Tab\there\r\nand\nthere");
  });
});

describe.each([true, false])("files that are not what they should be (fast path %s)", (fastPath) => {
  it("mixed line endings are named, not counted as fields", async () => {
    const text = `${AZ.replace("\n", "\r\n")}${T},A,2026-05,Key Vault,,PAL,1\r\n${T},B,2026-05,Key Vault,,PAL,2\n${T},C,2026-05,Key Vault,,PAL,3\r\n`;
    expect(firstError((await azure(text, fastPath)).result)).toMatchObject({
      line: 3,
      column: null,
      message: expect.stringMatching(/^mixed line endings: this line ends with LF alone/),
    });
  });

  it("UTF-16 with or without a byte order mark", async () => {
    const utf16 = Buffer.from(`${AZ}${T},A,2026-05,Key Vault,,PAL,1\n`, "utf16le");
    for (const bytes of [utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), utf16])]) {
      expect(firstError((await azure(bytes, fastPath)).result)).toMatchObject({
        line: 1,
        message: expect.stringMatching(/^the file is UTF-16 text, not UTF-8/),
      });
    }
  });

  it("gzip and ZIP bytes named .csv", async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = gzipSync(Buffer.from(`${AZ}${T},A,2026-05,Key Vault,,PAL,1\n`));
    expect(firstError((await azure(gz, fastPath)).result).message).toMatch(/^the file is gzip-compressed/);
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(40, 1)]);
    expect(firstError((await azure(zip, fastPath)).result).message).toMatch(/^the file is a ZIP archive/);
  });

  it("the other export: this looks like an Azure usage file, and vice versa", async () => {
    const az = `${AZ}${T},A,2026-05,Key Vault,,PAL,1\n`;
    const m3 = `${M3}${T},A,2026-05,Intune,PAL,3,\n`;
    expect(firstError((await m365(az, fastPath)).result)).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^this looks like an Azure usage file/),
    });
    expect(firstError((await azure(m3, fastPath)).result)).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^this looks like a Microsoft 365 licence export/),
    });
  });
});

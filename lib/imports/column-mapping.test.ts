import { describe, expect, it } from "vitest";
import { readAzureUsage, type AzureRow } from "@/lib/scoring";
import { detectedMapping, headersKey, mappedRows, mappingFits, missingFields, parseMapping } from "./column-mapping";

const HEADERS = [
  "Tenant GUID",
  "CustomerName",
  "Usage Period",
  "ServiceName",
  "OfferType",
  "Attribution",
  "Revenue USD",
];
const GOOD = { tenantId: "Tenant GUID", month: "Usage Period", associationType: "Attribution", acr: "Revenue USD" };

describe("column mapping rules", () => {
  it("a file with renamed headers lacks the required fields those columns hold", () => {
    expect(missingFields("azure", HEADERS)).toEqual(["CustomerTenantId", "Month", "AssociationType", "ACR_USD"]);
    expect(missingFields("azure", HEADERS, GOOD)).toEqual([]);
  });

  it("starts the form from the columns found by name", () => {
    expect(detectedMapping("azure", HEADERS)).toEqual({
      customerName: "CustomerName",
      service: "ServiceName",
      offer: "OfferType",
    });
  });

  it("accepts a mapping that gives every required field its own column", () => {
    const parsed = parseMapping("azure", HEADERS, { ...GOOD, service: "ServiceName", offer: "" });
    expect(parsed).toEqual({ ok: true, mapping: { ...GOOD, service: "ServiceName" } });
  });

  it("refuses a column mapped to two fields, naming the column and the first field", () => {
    const parsed = parseMapping("azure", HEADERS, { ...GOOD, service: "ServiceName", customerName: "Tenant GUID" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.values(parsed.errors).join(" ")).toMatch(
      /The column "Tenant GUID" is already mapped to (CustomerTenantId|CustomerName): each column can hold one field/,
    );
  });

  it("refuses a required field left unmapped, naming it", () => {
    const parsed = parseMapping("azure", HEADERS, { ...GOOD, acr: "", service: "ServiceName" });
    expect(parsed).toEqual({
      ok: false,
      errors: { acr: "ACR_USD is required: choose the column that holds it." },
    });
  });

  it("refuses a column the file does not have", () => {
    const parsed = parseMapping("azure", HEADERS, { ...GOOD, service: "Meter" });
    expect(parsed).toEqual({ ok: false, errors: { service: "Choose one of the file's columns." } });
  });

  it("a saved mapping fits a file with the same columns in another order and case, not one missing a column", () => {
    const reordered = ["revenue usd", "Attribution", "ServiceName", "TENANT GUID", "Usage Period"];
    expect(mappingFits("azure", reordered, GOOD)).toBe(true);
    expect(headersKey(reordered)).not.toBe(headersKey(HEADERS));
    expect(mappingFits("azure", reordered.slice(1), GOOD)).toBe(false);
    expect(headersKey(["A_b", "c"])).toBe(headersKey(["C", "ab"]));
  });

  it("previews the first rows under the mapping, in field order", () => {
    const rows = [["00000000-0000-4000-8000-000000000001", "Contoso", "2026-01", "Key Vault", "", "PAL", "700"]];
    expect(mappedRows("azure", HEADERS, rows, { ...GOOD, service: "ServiceName" })).toEqual({
      fields: ["CustomerTenantId", "CustomerName", "Month", "ServiceName", "OfferType", "AssociationType", "ACR_USD"],
      rows: [["00000000-0000-4000-8000-000000000001", "Contoso", "2026-01", "Key Vault", "", "PAL", "700"]],
    });
  });

  it("the reader with the mapping reads the renamed file as the canonical one, and names the file's column in errors", async () => {
    const body = "\n00000000-0000-4000-8000-000000000001,Contoso,2026-01,Key Vault,Azure Plan,PAL,700\n";
    const read = async (text: string, headerMapping?: Record<string, string>) => {
      const rows: AzureRow[] = [];
      const input = (async function* () {
        yield text;
      })();
      const result = await readAzureUsage(input, { file: "f.csv", onRow: (r) => rows.push(r), headerMapping });
      return { result, rows };
    };
    const canonical = await read(
      "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD" + body,
    );
    const mapped = await read(HEADERS.join(",") + body, GOOD);
    expect(mapped.result.ok).toBe(true);
    expect(mapped.rows).toEqual(canonical.rows);
    const bad = await read(HEADERS.join(",") + body.replace("700", "seven"), GOOD);
    expect(bad.result.ok).toBe(false);
    if (!bad.result.ok) expect(bad.result.errors[0]).toMatchObject({ line: 2, column: "Revenue USD" });
  });
});

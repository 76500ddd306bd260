/**
 * fast-check generators of engine rows for the property tests (test support, like test-support.ts): a few tenants,
 * months, names and amounts, so that rows collide on tenant, month and name and every rule is exercised.
 */
import fc from "fast-check";
import type { AzureRow, M365Row } from "./types";

export const SERVICES = ["Azure Firewall", "Key Vault", "Microsoft Sentinel", "Network Watcher", "Virtual Machines"];
export const WORKLOADS = [
  "Microsoft Intune",
  "Microsoft Defender for Office 365",
  "Microsoft Defender for Endpoint P2",
  "Microsoft Defender for Endpoint P1",
  "Exchange Online",
];
export const tenantIds = ["a", "b", "c", "d", "e", "f"].map((x) => `0000000${x}-0000-4000-8000-000000000000`);

export interface RowShape {
  months: readonly string[];
  tenants: readonly string[];
  names: readonly string[];
}

export function azureRowArbitrary({ months, tenants, names }: RowShape): fc.Arbitrary<AzureRow> {
  return fc.record({
    tenantId: fc.constantFrom(...tenants),
    customerName: fc.constantFrom(...names),
    month: fc.constantFrom(...months),
    service: fc.constantFrom(...SERVICES),
    offer: fc.constantFrom("Azure Plan", "Trial", null),
    associationType: fc.constantFrom("PAL", "CSP Tier 1", "CPOR"),
    acr: fc.bigInt({ min: -50_000_000n, max: 700_000_000n }),
    duplicate: fc.boolean(),
    line: fc.constant(0),
  }) as fc.Arbitrary<AzureRow>;
}

export function m365RowArbitrary(
  { months, tenants, names }: RowShape,
  paidUnits: fc.Arbitrary<number>,
  workloads: readonly string[] = WORKLOADS,
): fc.Arbitrary<M365Row> {
  return fc.record({
    tenantId: fc.constantFrom(...tenants),
    customerName: fc.constantFrom(...names),
    month: fc.constantFrom(...months),
    workload: fc.constantFrom(...workloads),
    associationType: fc.constantFrom("CPOR", "CSP Tier 2", "PAL"),
    paidUnits,
    monthlyActiveUsers: fc.constant(null),
    line: fc.constant(0),
  }) as fc.Arbitrary<M365Row>;
}

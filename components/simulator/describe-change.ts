import { formatUsd } from "@/lib/format";
import type { ScenarioInput } from "@/lib/simulator/scenario";

/** Dollars with cents, or the text as typed when it is not an amount (it is checked on the server). */
function usd(text: string): string {
  try {
    return formatUsd(text, "down");
  } catch {
    return text;
  }
}

/** One change of a scenario in words, for the list of changes. */
export function describeChange(c: ScenarioInput["changes"][number]): string {
  switch (c.kind) {
    case "acr": {
      const negative = c.amount.trim().startsWith("-");
      const amount = usd(c.amount.trim().replace(/^-/, ""));
      return `${negative ? "Remove" : "Add"} ${amount} eligible ACR for ${c.tenantId} in ${c.months.join(", ")}`;
    }
    case "licences":
      return `Set ${c.workload} to ${c.units} paid licences for ${c.tenantId} in ${c.months.join(", ")}`;
    case "newCustomer": {
      const parts = [
        ...(c.azure ?? []).map((a) => `${usd(a.amount)} in ${a.month}`),
        ...(c.m365 ?? []).map((m) => `${m.units} ${m.workload} in ${m.month}`),
      ];
      return `New customer ${c.name}: ${parts.join(", ")}`;
    }
    case "association":
      return `Move ${c.tenantId}'s ${c.source === "azure" ? "Azure" : "Microsoft 365"} rows${
        c.fromMonth ? ` from ${c.fromMonth}` : ""
      } to ${c.associationType}`;
  }
}

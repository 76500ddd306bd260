import { exactUsd, formatUsd, hasMoreThanCents, type CentRounding } from "@/lib/format";
import type { Micros } from "@/lib/scoring";

/** An amount in dollars and cents; when cents hide digits, the exact amount shows on hover (title). */
export function Money({ value, rounding }: { value: Micros | string; rounding?: CentRounding }) {
  const shown = formatUsd(value, rounding);
  if (!hasMoreThanCents(value)) return <>{shown}</>;
  return (
    <span title={exactUsd(value)} data-exact={exactUsd(value)}>
      {shown}
    </span>
  );
}

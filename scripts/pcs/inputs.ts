/** Options shared by score / explain / insights, and loading the files they name. */
import fs from "node:fs";
import {
  DEFAULT_RULE_SET_ID,
  M365_BASES,
  findRuleSet,
  ruleSetIds,
  isMonth,
  loadAggregates,
  type Aggregates,
  type ImportError,
  type M365Basis,
  type Month,
  type NamedInput,
  type RuleSet,
} from "../../lib/scoring";
import { UsageError, type ParsedOptions } from "./args";

export const SCORE_VALUES = ["azure", "m365", "month", "rules", "m365-basis"] as const;

export interface ScoreInputs {
  azure?: string;
  m365?: string;
  month: Month;
  ruleSet: RuleSet;
  basis: M365Basis;
}

/** Invalid or unreadable input: exit 1 with the errors as JSON. */
export class InputError extends Error {
  constructor(
    readonly errors: ImportError[],
    readonly total: number,
  ) {
    super("invalid input");
  }
}

export function scoreInputs(options: ParsedOptions): ScoreInputs {
  const month = options.values.get("month");
  if (month === undefined) throw new UsageError("--month is required");
  if (!isMonth(month)) throw new UsageError(`--month must be YYYY-MM, got ${JSON.stringify(month)}`);
  const rulesId = options.values.get("rules") ?? DEFAULT_RULE_SET_ID;
  const ruleSet = findRuleSet(rulesId);
  if (ruleSet === undefined)
    throw new UsageError(`unknown --rules ${JSON.stringify(rulesId)} (known: ${ruleSetIds().join(", ")})`);
  const basis = options.values.get("m365-basis") ?? "any-month";
  if (!(M365_BASES as readonly string[]).includes(basis)) {
    throw new UsageError(`unknown --m365-basis ${JSON.stringify(basis)} (known: ${M365_BASES.join(", ")})`);
  }
  return {
    azure: options.values.get("azure"),
    m365: options.values.get("m365"),
    month,
    ruleSet,
    basis: basis as M365Basis,
  };
}

function unreadable(file: string, error: unknown): ImportError {
  const reason = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "error";
  const text =
    reason === "ENOENT"
      ? "file not found"
      : reason === "EISDIR"
        ? "is a directory, not a file"
        : reason === "EACCES"
          ? "permission denied"
          : `cannot read the file (${reason})`;
  return { file, line: null, column: null, message: text };
}

async function openInput(file: string | undefined): Promise<NamedInput | undefined> {
  if (file === undefined) return undefined;
  try {
    const handle = await fs.promises.open(file, "r");
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error("directory"), { code: "EISDIR" });
    }
    return { file, input: handle.createReadStream({ highWaterMark: 256 * 1024 }) };
  } catch (error) {
    throw new InputError([unreadable(file, error)], 1);
  }
}

export async function loadInputs(inputs: ScoreInputs): Promise<Aggregates> {
  const azure = await openInput(inputs.azure);
  const m365 = await openInput(inputs.m365);
  let result;
  try {
    result = await loadAggregates(inputs.ruleSet, { azure, m365 });
  } catch (error) {
    // A read failure in the middle of a file (not a validation problem).
    throw new InputError([unreadable(inputs.azure ?? inputs.m365 ?? "", error)], 1);
  }
  if (!result.ok) throw new InputError(result.errors, result.total);
  return result.aggregates;
}

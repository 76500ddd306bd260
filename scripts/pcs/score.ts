import { scoreAggregates } from "../../lib/scoring";
import { parseOptions } from "./args";
import { SCORE_VALUES, loadInputs, scoreInputs } from "./inputs";

export async function scoreCommand(args: readonly string[]): Promise<string> {
  const options = parseOptions(args, { values: SCORE_VALUES, flags: ["details"] });
  const inputs = scoreInputs(options);
  const aggregates = await loadInputs(inputs);
  const result = scoreAggregates(aggregates, {
    month: inputs.month,
    m365Basis: inputs.basis,
    details: options.flags.has("details"),
  });
  return `${JSON.stringify(result, null, 2)}\n`;
}

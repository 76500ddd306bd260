import { atRiskNextMonth, gapToMaximum, nearMisses, projectNextMonth, scoreAggregates } from "../../lib/scoring";
import { parseOptions } from "./args";
import { SCORE_VALUES, loadInputs, scoreInputs } from "./inputs";

export async function insightsCommand(args: readonly string[]): Promise<string> {
  const inputs = scoreInputs(parseOptions(args, { values: SCORE_VALUES, flags: [] }));
  const aggregates = await loadInputs(inputs);
  const options = { month: inputs.month, m365Basis: inputs.basis };
  const result = scoreAggregates(aggregates, options);
  const projection = projectNextMonth(aggregates, options);
  return `${JSON.stringify(
    {
      ruleSet: result.ruleSet,
      month: result.month,
      m365Basis: result.m365Basis,
      gapToMaximum: gapToMaximum(result, aggregates),
      nearMisses: nearMisses(aggregates, options),
      atRiskNextMonth: atRiskNextMonth(aggregates, options),
      nextMonth: {
        month: projection.month,
        tracks: projection.tracks,
        bestTrack: projection.bestTrack,
        points: projection.points,
      },
    },
    null,
    2,
  )}\n`;
}

/**
 * What a saved scenario predicted, kept with it, and its comparison with the snapshots that arrive later.
 * Predicted and actual are compared only where the actual snapshot used the scenario's rule set and basis;
 * otherwise the two numbers answer different questions, and the page says so.
 */
import type { Month, ScoreResult, Track } from "@/lib/scoring";
import { z } from "zod";
import type { SimulationResult } from "./simulate";

const trackFigures = z.object({ points: z.number().int(), netCustomerAdds: z.number().int() });
export const predictionSchema = z.array(
  z.object({
    month: z.string(),
    ruleSet: z.string(),
    m365Basis: z.string(),
    tracks: z.object({ enterprise: trackFigures, smb: trackFigures }),
  }),
);
export type Prediction = z.output<typeof predictionSchema>;

export function predictionOf(result: SimulationResult): Prediction {
  return result.months.map((m) => ({
    month: m.month,
    ruleSet: result.ruleSet,
    m365Basis: result.m365Basis,
    tracks: {
      enterprise: figures(m.scenario, "enterprise"),
      smb: figures(m.scenario, "smb"),
    },
  }));
}

const figures = (r: ScoreResult, t: Track) => ({
  points: r.tracks[t].points,
  netCustomerAdds: r.tracks[t].netCustomerAdds,
});

export interface ComparedMonth {
  month: Month;
  predicted: Record<Track, { points: number; netCustomerAdds: number }>;
  /** null: no snapshot of that month yet. */
  actual: Record<Track, { points: number; netCustomerAdds: number }> | null;
  /** The actual snapshot was computed under another rule set or basis than the scenario. */
  otherRules: boolean;
}

/** The saved prediction month by month next to the actual snapshots (months after the base month only). */
export function comparePrediction(
  prediction: Prediction,
  actual: ReadonlyMap<string, { ruleSet: string; m365Basis: string; result: ScoreResult }>,
): ComparedMonth[] {
  return prediction.slice(1).map((p) => {
    const a = actual.get(p.month);
    return {
      month: p.month,
      predicted: p.tracks,
      actual: a ? { enterprise: figures(a.result, "enterprise"), smb: figures(a.result, "smb") } : null,
      otherRules: a ? a.ruleSet !== p.ruleSet || a.m365Basis !== p.m365Basis : false,
    };
  });
}

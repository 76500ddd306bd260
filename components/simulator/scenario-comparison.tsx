import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatSigned } from "@/lib/format";
import { TRACK_LABELS } from "@/lib/pcs-total";
import type { ComparedMonth } from "@/lib/simulator/prediction";

const TRACKS = ["enterprise", "smb"] as const;

/** A saved scenario's prediction next to the snapshots of the months that have arrived since. */
export function ScenarioComparison({ months }: { months: ComparedMonth[] }) {
  return (
    <Table aria-label="Predicted and actual">
      <TableHeader>
        <TableRow>
          <TableHead>Month</TableHead>
          {TRACKS.map((t) => (
            <TableHead key={t}>{TRACK_LABELS[t]}: predicted → actual</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {months.map((m) => (
          <TableRow key={m.month}>
            <TableCell className="font-medium">{m.month}</TableCell>
            {TRACKS.map((t) => (
              <TableCell key={t}>
                {m.predicted[t].points} points ({formatSigned(m.predicted[t].netCustomerAdds)}) →{" "}
                {m.actual ? (
                  <>
                    {m.actual[t].points} points ({formatSigned(m.actual[t].netCustomerAdds)})
                    {m.otherRules ? " — the snapshot used other rules" : ""}
                  </>
                ) : (
                  <span className="text-muted-foreground">no snapshot yet</span>
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TRACK_LABELS } from "@/lib/pcs-total";
import { TRACKS, type ScoreResult } from "@/lib/scoring";
import { signed } from "@/lib/snapshot-view";

/** A snapshot's totals per track and source, as stored. */
export function TotalsTable({ result, label = "Totals per track" }: { result: ScoreResult; label?: string }) {
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Track</TableHead>
          <TableHead className="text-right">Azure current</TableHead>
          <TableHead className="text-right">Azure previous</TableHead>
          <TableHead className="text-right">M365 current</TableHead>
          <TableHead className="text-right">M365 previous</TableHead>
          <TableHead className="text-right">Net customer adds</TableHead>
          <TableHead className="text-right">Points</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {TRACKS.map((t) => {
          const s = result.tracks[t];
          return (
            <TableRow key={t} data-testid={`totals-${t}`}>
              <TableCell className="font-medium">{TRACK_LABELS[t]}</TableCell>
              <TableCell className="text-right tabular-nums">{s.azure.current}</TableCell>
              <TableCell className="text-right tabular-nums">{s.azure.previous}</TableCell>
              <TableCell className="text-right tabular-nums">{s.m365.current}</TableCell>
              <TableCell className="text-right tabular-nums">{s.m365.previous}</TableCell>
              <TableCell className="text-right tabular-nums">{signed(s.netCustomerAdds)}</TableCell>
              <TableCell className="text-right font-semibold tabular-nums">{s.points}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

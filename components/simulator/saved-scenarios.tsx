"use client";

import Link from "next/link";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionResult } from "@/lib/form-state";

export interface SavedScenarioRow {
  id: string;
  name: string;
  baseMonth: string;
  updatedAt: Date;
  createdBy: string | null;
  createdByEmail: string | null;
}

/** The organisation's saved scenarios: every member opens them; analysts and admins delete them. */
export function SavedScenarios({
  slug,
  scenarios,
  openedId,
  canDelete,
  remove,
}: {
  slug: string;
  scenarios: SavedScenarioRow[];
  openedId: string | null;
  canDelete: boolean;
  remove: (slug: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const [pending, startTransition] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Saved scenarios</CardTitle>
        <CardDescription>Shared with everyone in the organisation.</CardDescription>
      </CardHeader>
      <CardContent>
        {scenarios.length === 0 ? (
          <p className="text-sm text-muted-foreground">No scenario saved yet.</p>
        ) : (
          <ul className="grid gap-2 text-sm" aria-label="Saved scenarios">
            {scenarios.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 break-words">
                  <Link
                    className="font-medium underline underline-offset-4"
                    href={`/o/${slug}/simulate?scenario=${s.id}`}
                    aria-current={s.id === openedId ? "page" : undefined}
                  >
                    {s.name}
                  </Link>{" "}
                  <span className="text-muted-foreground">
                    on the {s.baseMonth} snapshot, by {s.createdBy ?? s.createdByEmail ?? "a former member"}
                  </span>
                </span>
                {canDelete ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    aria-label={`Delete ${s.name}`}
                    onClick={() => startTransition(async () => void (await remove(slug, { id: s.id })))}
                  >
                    Delete
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

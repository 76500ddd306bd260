"use client";

import Link from "next/link";
import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type OrgChoice = { slug: string; name: string; role: string };

/** Lists the user's organisations; picking one opens it (the organisation lives in the URL). */
export function OrgSwitcher({ current, orgs }: { current: OrgChoice; orgs: OrgChoice[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className="max-w-64"
          aria-label={`Organisation: ${current.name}. Switch organisation`}
        >
          <Building2 aria-hidden="true" />
          <span className="truncate">{current.name}</span>
          <ChevronsUpDown className="opacity-60" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>Your organisations</DropdownMenuLabel>
        {orgs.map((o) => (
          <DropdownMenuItem key={o.slug} asChild>
            <Link href={`/o/${o.slug}`} aria-current={o.slug === current.slug ? "true" : undefined}>
              <span className="flex-1 truncate">{o.name}</span>
              <span className="text-xs text-muted-foreground capitalize">{o.role}</span>
              {o.slug === current.slug ? <Check aria-label="current" /> : null}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/orgs/new">
            <Plus aria-hidden="true" />
            New organisation
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

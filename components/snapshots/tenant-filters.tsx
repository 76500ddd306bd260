import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { STATUS_COLUMN_LABELS, STATUS_COLUMNS, STATUS_LABELS, TENANT_STATUSES } from "@/lib/snapshot-view";
import { PAGE_SIZES, type TenantQueryParams } from "@/lib/tenant-query";
import { NativeSelect } from "./native-select";

/** Search and filters as a plain GET form: the server does the work, the URL can be shared. */
export function TenantFilters({ path, query }: { path: string; query: TenantQueryParams }) {
  return (
    <form
      action={path}
      method="get"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto_auto] lg:items-end"
      role="search"
      aria-label="Filter tenants"
    >
      <FormField
        label="Search"
        name="q"
        type="search"
        defaultValue={query.q}
        placeholder="Customer name or tenant id"
      />
      <NativeSelect
        label="Source"
        name="column"
        defaultValue={query.column}
        options={[
          { value: "any", label: "Any source" },
          ...STATUS_COLUMNS.map((c) => ({ value: c, label: STATUS_COLUMN_LABELS[c] })),
        ]}
      />
      <NativeSelect
        label="Status"
        name="status"
        defaultValue={query.status}
        options={[
          { value: "any", label: "Any status" },
          ...TENANT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        ]}
      />
      <NativeSelect
        label="Per page"
        name="size"
        defaultValue={String(query.size)}
        options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
      />
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button asChild variant="ghost">
          <Link href={path}>Reset</Link>
        </Button>
      </div>
    </form>
  );
}

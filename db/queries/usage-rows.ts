/**
 * Where an import's validated rows go inside its transaction (server/imports/run.ts). On PostgreSQL they stream
 * into one `COPY … FROM STDIN` (text format) on the transaction's own connection, so they commit or roll back with
 * it; on PGlite (one in-process connection, no COPY FROM STDIN) they go as multi-row INSERTs.
 *
 * The contract matches the reader's: `push` is called synchronously from `onRow` and only buffers; `flush` is
 * awaited between file chunks (readUpload's onChunk) and is where the database's pace holds the reader back;
 * `end` completes the write; `abort` abandons it and leaves the connection usable for the ROLLBACK.
 */
import type { Db } from "@/db/client";
import { CopyWriter, copyText } from "@/db/copy-writer";
import { connectionOf, type PgConnection } from "@/db/driver";
import { azureUsage, m365Licences } from "@/db/schema";
import type { AzureRow, M365Row } from "@/lib/scoring";

export interface RowSink<Row> {
  readonly method: "copy" | "insert";
  push(row: Row): void;
  flush(): Promise<void>;
  /** Writes whatever is left; resolves with the number of rows the database stored. */
  end(): Promise<number>;
  abort(reason: Error): Promise<void>;
}

type Source = "azure" | "m365";
export type ImportRow = AzureRow | M365Row;

const AZURE_COPY =
  "COPY azure_usage (revision_id, tenant_id, month, customer_name, service, offer, association_type, acr_micros, duplicate) FROM STDIN";
const M365_COPY =
  "COPY m365_licences (revision_id, tenant_id, month, customer_name, workload, association_type, paid_units, monthly_active_users) FROM STDIN";

/** Rows buffered before a chunk boundary sends them (INSERT path) — as the batching always did. */
const BATCH_ROWS = 1000;

/**
 * The sink for one import's rows in its transaction `tx`: COPY on the transaction's connection (PostgreSQL), or
 * INSERTs (PGlite). Each row is tagged with its month's id in `revisionIds`.
 */
export function importRowSink(tx: Db, source: Source, revisionIds: Map<string, string>): RowSink<ImportRow> {
  const connection = connectionOf(tx);
  return connection === null ? insertSink(tx, source, revisionIds) : copySink(connection, source, revisionIds);
}

function copySink(connection: PgConnection, source: Source, revisionIds: Map<string, string>): RowSink<ImportRow> {
  const writer = new CopyWriter(connection, source === "azure" ? AZURE_COPY : M365_COPY);
  // Names repeat on consecutive rows (one tenant's rows come together): escape each distinct one once.
  let lastName = "";
  let lastNameText = "";
  const names = new Map<string, string>();
  const text = (value: string) => {
    let escaped = names.get(value);
    if (escaped === undefined) {
      escaped = copyText(value);
      if (names.size < 10_000) names.set(value, escaped);
    }
    return escaped;
  };
  const customer = (name: string) => {
    if (name !== lastName) {
      lastName = name;
      lastNameText = copyText(name);
    }
    return lastNameText;
  };
  const push =
    source === "azure"
      ? (row: ImportRow) => {
          const r = row as AzureRow;
          writer.add(
            `${revisionIds.get(r.month)}\t${r.tenantId}\t${r.month}\t${customer(r.customerName)}\t${text(r.service)}\t${r.offer === null ? "\\N" : text(r.offer)}\t${text(r.associationType)}\t${r.acr}\t${r.duplicate ? "t" : "f"}\n`,
          );
        }
      : (row: ImportRow) => {
          const r = row as M365Row;
          writer.add(
            `${revisionIds.get(r.month)}\t${r.tenantId}\t${r.month}\t${customer(r.customerName)}\t${text(r.workload)}\t${text(r.associationType)}\t${r.paidUnits}\t${r.monthlyActiveUsers === null ? "\\N" : r.monthlyActiveUsers}\n`,
          );
        };
  return {
    method: "copy",
    push,
    flush: () => writer.flush(),
    end: () => writer.end(),
    abort: (reason) => writer.abort(reason),
  };
}

function insertSink(tx: Db, source: Source, revisionIds: Map<string, string>): RowSink<ImportRow> {
  const table = source === "azure" ? azureUsage : m365Licences;
  let batch: Record<string, unknown>[] = [];
  let stored = 0;
  const send = async () => {
    const rows = batch;
    batch = [];
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      await tx.insert(table).values(rows.slice(i, i + BATCH_ROWS) as never);
    }
    stored += rows.length;
  };
  return {
    method: "insert",
    push: (row) => {
      const revisionId = revisionIds.get(row.month)!;
      batch.push(
        source === "azure" ? azureRecord(revisionId, row as AzureRow) : m365Record(revisionId, row as M365Row),
      );
    },
    flush: async () => {
      if (batch.length >= BATCH_ROWS) await send();
    },
    end: async () => {
      await send();
      return stored;
    },
    abort: async () => {
      batch = [];
    },
  };
}

function azureRecord(revisionId: string, r: AzureRow) {
  return {
    revisionId,
    tenantId: r.tenantId,
    month: r.month,
    customerName: r.customerName,
    service: r.service,
    offer: r.offer,
    associationType: r.associationType,
    acrMicros: r.acr,
    duplicate: r.duplicate,
  };
}

function m365Record(revisionId: string, r: M365Row) {
  return {
    revisionId,
    tenantId: r.tenantId,
    month: r.month,
    customerName: r.customerName,
    workload: r.workload,
    associationType: r.associationType,
    paidUnits: r.paidUnits,
    monthlyActiveUsers: r.monthlyActiveUsers,
  };
}

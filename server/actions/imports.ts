import { z } from "zod";
import { findImport } from "@/db/queries/imports";
import { lockOrganization } from "@/db/queries/organizations";
import {
  findActiveRevision,
  findHistoryRevision,
  hasActiveRevisionOutside,
  planImportRollback,
  setRevisionActive,
} from "@/db/queries/revisions";
import { findUpload, insertUpload } from "@/db/queries/uploads";
import { serverEnv } from "@/lib/env";
import { csvLine } from "@/lib/audit/csv";
import { queryParams } from "@/lib/query-params";
import { decideStagedImport } from "@/db/queries/import-decisions";
import { importFromUpload } from "../imports/submit";
import { enqueueJob } from "../jobs/queue";
import { ActionFailure, defineOrgAction } from "../org-action";
import { monthSchema as month } from "@/lib/month-schema";

const source = z.enum(["azure", "m365"], { error: "Choose Azure usage or Microsoft 365 licences." });

/**
 * Begins an upload (tus "creation", or a single-request upload): checked and recorded before the first byte is
 * stored, so nobody without the right may fill the database. `length` is the size the client declares (null when
 * a single request streams a body of unknown length); over IMPORT_MAX_BYTES nothing is created. Audited, so an
 * upload refused later (too large, interrupted) still shows who tried.
 */
export const authorizeUploadAction = defineOrgAction({
  name: "imports.authorize",
  permission: "data.import",
  // API tokens with the analyst role upload through the same routes as the page (issue 16).
  tokens: true,
  // The metadata arrives in headers or the query string: a control character in the file name is refused (400)
  // before anything is stored.
  input: queryParams(
    z.object({
      source,
      dataMonth: month.or(z.literal("")),
      fileName: z
        .string()
        .min(1, "Choose a file to upload.")
        .max(255, "The file name is longer than 255 characters: rename the file and upload it again."),
      length: z.number().int().min(0).nullable(),
    }),
  ),
  handler: async (tx, { org, user, input }) => {
    const limit = serverEnv().IMPORT_MAX_BYTES;
    const tooLarge = input.length !== null && input.length > limit;
    const upload = tooLarge
      ? null
      : await insertUpload(tx, {
          organizationId: org.id,
          // An upload by API token has no person behind it: the audit entry names the token.
          createdBy: user?.id ?? null,
          source: input.source,
          fileName: input.fileName,
          dataMonth: input.dataMonth || null,
          length: input.length,
        });
    return {
      result: upload ? { upload, tooLarge: false as const } : { upload: null, tooLarge: true as const, limit },
      audit: {
        objectType: "upload",
        objectId: upload?.id ?? null,
        after: { ...input, refused: tooLarge || undefined },
      },
    };
  },
});

/**
 * Checked before each further request of an upload (tus HEAD and PATCH): the upload must be this organisation's.
 * Returns its state, and whether the import it became (early) has already ended; audited with the offset a PATCH starts at, so every request that sent bytes is on record.
 */
export const continueUploadAction = defineOrgAction({
  name: "imports.upload",
  permission: "data.import",
  // API tokens with the analyst role upload through the same routes as the page (issue 16).
  tokens: true,
  input: z.object({ uploadId: z.uuid(), offset: z.number().int().min(0).nullable() }),
  handler: async (tx, { org, input }) => {
    const upload = await findUpload(tx, org.id, input.uploadId);
    if (!upload) throw new ActionFailure("not_found", "This upload could not be found. Start it again.");
    // An import begun early may end before its file does (refused at an early line): the rest is not needed.
    const imp = upload.importId ? await findImport(tx, org.id, upload.importId) : undefined;
    const importEnded = imp !== undefined && imp.status !== "uploaded" && imp.status !== "validating";
    return {
      result: { ...upload, importEnded },
      audit: { objectType: "upload", objectId: upload.id, after: { offset: input.offset, received: upload.received } },
    };
  },
});

/**
 * Records the import of a complete upload and queues its job. Asked again for the same upload (a retried last
 * request), it answers with the import made the first time, and queues it again if its run gave way to an upload
 * that had stopped arriving. With `early` (the upload route, on PostgreSQL, right after tus creation) the upload
 * need not be complete: its import starts at once and reads the file as it arrives, so checking and storing the
 * rows overlap the upload instead of following it.
 */
export const createImportAction = defineOrgAction({
  name: "imports.create",
  permission: "data.import",
  // API tokens with the analyst role upload through the same routes as the page (issue 16).
  tokens: true,
  input: z.object({ uploadId: z.uuid(), early: z.boolean().optional() }),
  handler: async (tx, { org, input }) => {
    const upload = await findUpload(tx, org.id, input.uploadId, true);
    if (!upload) throw new ActionFailure("not_found", "This upload could not be found. Start it again.");
    const complete = upload.length !== null && upload.received === upload.length;
    if (!complete && !(input.early && upload.length !== null))
      throw new ActionFailure("conflict", "The upload is not complete yet.");
    if (upload.length === 0)
      throw new ActionFailure("invalid_input", "The file is empty (0 bytes). Choose the CSV export again.");
    const { imp, created } = await importFromUpload(tx, upload);
    // One pending job per import: its run may have given way to a stalled upload, and is queued again here.
    if (created || imp.status === "uploaded")
      await enqueueJob(tx, {
        kind: "import.run",
        organizationId: org.id,
        payload: { importId: imp.id },
        dedupeKey: `import:${imp.id}`,
      });
    return {
      result: { id: imp.id, status: imp.status },
      audit: created
        ? {
            objectType: "import",
            objectId: imp.id,
            after: { source: imp.source, fileName: imp.fileName, bytes: imp.byteSize },
          }
        : null,
    };
  },
});

/**
 * The user's answer when an import would replace months that already have data. Its rows are stored already, as
 * staged revisions: replace puts them in use (superseding the months' current revisions, with the import's own
 * audit entry and the recompute); cancel deletes them. Waits for any import of the organisation still running
 * (the organisation's lock).
 */
export const decideImportAction = defineOrgAction({
  name: "imports.decide",
  permission: "data.import",
  input: z.object({ importId: z.uuid(), decision: z.enum(["replace", "cancel"]) }),
  handler: async (tx, { org, input }) => {
    const decided = await decideStagedImport(tx, org.id, input.importId, input.decision === "replace");
    if (decided.outcome === "not_found") throw new ActionFailure("not_found", "This import could not be found.");
    if (decided.outcome === "not_waiting")
      throw new ActionFailure("conflict", "This import is no longer waiting for a decision.");
    return {
      result: { decision: input.decision },
      audit: { objectType: "import", objectId: decided.id, before: decided.before, after: decided.after },
    };
  },
});

/**
 * Makes an earlier revision of a month the one in use again (admins only), and queues the recompute. A staged
 * revision (an import waiting for its decision) is not a rollback target: it is "not found" here, as it is absent
 * from the history page.
 */
export const rollbackRevisionAction = defineOrgAction({
  name: "data.rollback",
  permission: "data.rollback",
  input: z.object({ revisionId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    await lockOrganization(tx, org.id);
    const target = await findHistoryRevision(tx, org.id, input.revisionId);
    if (!target) throw new ActionFailure("not_found", "This revision could not be found.");
    if (target.active)
      throw new ActionFailure("conflict", `Revision ${target.revision} is already the one in use for ${target.month}.`);
    const current = await findActiveRevision(tx, org.id, target.source, target.month);
    if (current) await setRevisionActive(tx, current.id, false);
    await setRevisionActive(tx, target.id, true);
    await queueRecompute(tx, org.id);
    return {
      result: { source: target.source, month: target.month, revision: target.revision },
      audit: {
        objectType: "data_revision",
        objectId: target.id,
        before: { source: target.source, month: target.month, revision: current?.revision ?? null },
        after: { source: target.source, month: target.month, revision: target.revision },
      },
    };
  },
});

/**
 * Rolls back every month of one import in one action (admins only, as a month's rollback is): each month whose
 * revision in use came from this import goes back to the revision it superseded, and a month it brought first is
 * taken out of use (db/queries/revisions.ts, planImportRollback). Waits for any import still running.
 */
export const rollbackImportAction = defineOrgAction({
  name: "imports.rollback",
  permission: "data.rollback",
  input: z.object({ importId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    await lockOrganization(tx, org.id);
    const plan = await planImportRollback(tx, org.id, input.importId);
    if (!plan) throw new ActionFailure("not_found", "This import could not be found.");
    if (plan.toRetire.length === 0)
      throw new ActionFailure("conflict", "None of this import's months is in use, so there is nothing to roll back.");
    if (plan.toRestore.length === 0 && !(await hasActiveRevisionOutside(tx, org.id, input.importId))) {
      // The snapshots are kept for ever; with no data left at all they would go on showing this import's numbers.
      throw new ActionFailure(
        "conflict",
        "This import holds all of the organisation's data in use, so rolling it back would leave nothing to score. Import the corrected file instead: it replaces these months.",
      );
    }
    for (const id of plan.toRetire) await setRevisionActive(tx, id, false);
    for (const id of plan.toRestore) await setRevisionActive(tx, id, true);
    await queueRecompute(tx, org.id);
    const after = {
      source: plan.import.source,
      fileName: plan.import.fileName,
      months: [...plan.restored.map((r) => r.month), ...plan.emptied].sort(),
      restored: plan.restored.map((r) => `${r.month} → revision ${r.revision}`),
      emptied: plan.emptied,
    };
    return {
      result: after,
      audit: {
        objectType: "import",
        objectId: input.importId,
        before: { source: plan.import.source, months: plan.toRetire.length },
        after,
      },
    };
  },
});

function queueRecompute(tx: Parameters<typeof enqueueJob>[0], organizationId: string) {
  return enqueueJob(tx, { kind: "snapshots.recompute", organizationId, dedupeKey: `recompute:${organizationId}` });
}

/** Queues a recompute of every snapshot whose inputs changed (e.g. after fixing data by hand). */
export const recomputeAction = defineOrgAction({
  name: "data.recompute",
  permission: "data.recompute",
  input: z.object({}),
  handler: async (tx, { org }) => {
    await queueRecompute(tx, org.id);
    return { result: null, audit: { objectType: "snapshots", objectId: org.id } };
  },
});

/** The errors of a rejected file as CSV (file, line, column, problem), for fixing the export. */
export const exportImportErrorsAction = defineOrgAction({
  name: "imports.errors",
  permission: "export.csv",
  input: z.object({ importId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    const imp = await findImport(tx, org.id, input.importId);
    if (!imp) throw new ActionFailure("not_found", "This import could not be found.");
    let csv = csvLine(["file", "line", "column", "problem"]);
    for (const e of imp.errors ?? []) csv += csvLine([e.file, e.line, e.column, e.message]);
    return {
      result: { csv, fileName: imp.fileName },
      audit: { objectType: "import", objectId: imp.id, after: { errors: imp.errorTotal }, oncePerDay: true },
    };
  },
});

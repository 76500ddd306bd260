import { z } from "zod";
import { findImport, insertImport } from "@/db/queries/imports";
import { csvLine } from "@/lib/audit/csv";
import { decideImport, ImportStateError, rollbackRevision } from "../imports/decisions";
import { rollbackImport } from "../imports/rollback-import";
import { enqueueJob } from "../jobs/queue";
import { ActionFailure, defineOrgAction } from "../org-action";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use the form YYYY-MM, e.g. 2026-10.");
const source = z.enum(["azure", "m365"], { error: "Choose Azure usage or Microsoft 365 licences." });

/** Checked before an upload streams in, so nobody without the right may fill the disk. */
export const authorizeUploadAction = defineOrgAction({
  name: "imports.authorize",
  permission: "data.import",
  input: z.object({ source, dataMonth: month.or(z.literal("")), fileName: z.string().min(1).max(255) }),
  // Recorded, so an upload refused later (too large, interrupted) still shows who tried.
  handler: async (_tx, { input }) => ({ result: null, audit: { objectType: "upload", after: input } }),
});

/** Records a finished upload and queues its validation; the file itself was streamed to disk first. */
export const createImportAction = defineOrgAction({
  name: "imports.create",
  permission: "data.import",
  input: z.object({
    source,
    dataMonth: month.or(z.literal("")),
    fileName: z.string().min(1).max(255),
    byteSize: z.number().int().positive(),
    storagePath: z.string().min(1),
  }),
  handler: async (tx, { org, user, input }) => {
    const imp = await insertImport(tx, {
      organizationId: org.id,
      source: input.source,
      fileName: input.fileName,
      byteSize: input.byteSize,
      storagePath: input.storagePath,
      dataMonth: input.dataMonth || null,
      createdBy: user.id,
    });
    await enqueueJob(tx, { kind: "import.run", organizationId: org.id, payload: { importId: imp.id } });
    return {
      result: { id: imp.id },
      audit: {
        objectType: "import",
        objectId: imp.id,
        after: { source: input.source, fileName: input.fileName, bytes: input.byteSize },
      },
    };
  },
});

/** Replace the months that already have data, or cancel the import. */
export const decideImportAction = defineOrgAction({
  name: "imports.decide",
  permission: "data.import",
  input: z.object({ importId: z.uuid(), decision: z.enum(["replace", "cancel"]) }),
  handler: async (tx, { org, input }) => {
    try {
      const change = await decideImport(tx, org.id, input.importId, input.decision === "replace");
      if (!change) throw new ActionFailure("not_found", "This import could not be found.");
      return {
        result: { decision: input.decision },
        audit: { objectType: "import", objectId: input.importId, ...change },
      };
    } catch (err) {
      if (err instanceof ImportStateError) throw new ActionFailure("conflict", err.message);
      throw err;
    }
  },
});

/** Makes an earlier revision of a month the one in use again (admins only); snapshots are recomputed. */
export const rollbackRevisionAction = defineOrgAction({
  name: "data.rollback",
  permission: "data.rollback",
  input: z.object({ revisionId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    try {
      const change = await rollbackRevision(tx, org.id, input.revisionId);
      if (!change) throw new ActionFailure("not_found", "This revision could not be found.");
      return { result: change.after, audit: { objectType: "data_revision", objectId: input.revisionId, ...change } };
    } catch (err) {
      if (err instanceof ImportStateError) throw new ActionFailure("conflict", err.message);
      throw err;
    }
  },
});

/** Rolls back every month of one import in one action (admins only, as a month's rollback is). */
export const rollbackImportAction = defineOrgAction({
  name: "imports.rollback",
  permission: "data.rollback",
  input: z.object({ importId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    try {
      const change = await rollbackImport(tx, org.id, input.importId);
      if (!change) throw new ActionFailure("not_found", "This import could not be found.");
      return { result: change.after, audit: { objectType: "import", objectId: input.importId, ...change } };
    } catch (err) {
      if (err instanceof ImportStateError) throw new ActionFailure("conflict", err.message);
      throw err;
    }
  },
});

/** Queues a recompute of every snapshot whose inputs changed (e.g. after fixing data by hand). */
export const recomputeAction = defineOrgAction({
  name: "data.recompute",
  permission: "data.recompute",
  input: z.object({}),
  handler: async (tx, { org }) => {
    await enqueueJob(tx, { kind: "snapshots.recompute", organizationId: org.id, dedupeKey: `recompute:${org.id}` });
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
      audit: { objectType: "import", objectId: imp.id, after: { errors: imp.errorTotal } },
    };
  },
});

import { z } from "zod";
import { findImport } from "@/db/queries/imports";
import { findUpload, insertUpload } from "@/db/queries/uploads";
import { serverEnv } from "@/lib/env";
import { csvLine } from "@/lib/audit/csv";
import { queryParams } from "@/lib/query-params";
import { decideImport, ImportStateError, rollbackRevision } from "../imports/decisions";
import { importFromUpload } from "../imports/submit";
import { rollbackImport } from "../imports/rollback-import";
import { enqueueJob } from "../jobs/queue";
import { ActionFailure, defineOrgAction } from "../org-action";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use the form YYYY-MM, e.g. 2026-10.");
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
 * Returns its state; audited with the offset a PATCH starts at, so every request that sent bytes is on record.
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
    return {
      result: upload,
      audit: { objectType: "upload", objectId: upload.id, after: { offset: input.offset, received: upload.received } },
    };
  },
});

/**
 * Records the import of a complete upload and queues its job. Asked again for the same upload (a retried last
 * request), it answers with the import made the first time.
 */
export const createImportAction = defineOrgAction({
  name: "imports.create",
  permission: "data.import",
  // API tokens with the analyst role upload through the same routes as the page (issue 16).
  tokens: true,
  input: z.object({ uploadId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    const upload = await findUpload(tx, org.id, input.uploadId, true);
    if (!upload) throw new ActionFailure("not_found", "This upload could not be found. Start it again.");
    if (upload.length === null || upload.received !== upload.length)
      throw new ActionFailure("conflict", "The upload is not complete yet.");
    if (upload.length === 0)
      throw new ActionFailure("invalid_input", "The file is empty (0 bytes). Choose the CSV export again.");
    const { imp, created } = await importFromUpload(tx, upload);
    if (created) await enqueueJob(tx, { kind: "import.run", organizationId: org.id, payload: { importId: imp.id } });
    return {
      result: { id: imp.id },
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
      audit: { objectType: "import", objectId: imp.id, after: { errors: imp.errorTotal }, oncePerDay: true },
    };
  },
});

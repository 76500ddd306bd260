import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { driverOf, getDb } from "@/db/client";
import { deleteUpload } from "@/db/queries/uploads";
import { serverEnv } from "@/lib/env";
import { authorizeUploadAction, createImportAction } from "@/server/actions/imports";
import { executeOrgAction } from "@/server/org-action";
import { uploadCaller } from "@/server/api/request-caller";
import {
  bodyOf,
  drainBody,
  EmptyUploadError,
  formatBytes,
  pruneStoredUploads,
  receiveWholeBody,
  UploadInterruptedError,
  UploadLengthExceededError,
  UploadTooLargeError,
} from "@/server/imports/storage";
import { integerHeader, jsonError, parseMetadata, tusHeaders, TUS_REFUSAL, TUS_VERSION } from "@/server/imports/tus";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossOrigin } from "@/server/http/same-origin";
import { wakeWorker } from "@/server/jobs/worker";

export const dynamic = "force-dynamic";

/**
 * Begins an upload. This route and its children are left out of proxy.ts's matcher: no body limit of Next's
 * proxy applies, and a request without a session gets a 401 JSON answer here rather than a redirect.
 *
 * - With `Tus-Resumable` (the browser, through tus-js-client): tus creation. `Upload-Length` is the file's size
 *   (refused with 413 over IMPORT_MAX_BYTES before anything is stored), `Upload-Metadata` holds `filename`,
 *   `source` and `dataMonth`. The answer is 201 with the upload's URL; its bytes follow by PATCH (./[id]). On
 *   PostgreSQL its import is made and queued at once, and reads the bytes as they arrive.
 * - Without it (scripts, `curl --data-binary @file`): the whole file is the body, metadata in the query
 *   (`source`, `dataMonth`, `name`). It is stored as it streams, refused with 413 as soon as it passes the limit,
 *   and answered 201 `{ id }` with the import it became.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const crossOrigin = refuseCrossOrigin(request); // CSRF: only the portal's own pages may upload (issue 12, #6)
  if (crossOrigin) return crossOrigin;
  const { slug } = await params;
  // A person's session, or an API token in the Authorization header (issue 16): same route, same limits.
  const caller = await uploadCaller(request);
  if ("refused" in caller) return caller.refused;
  const limit = serverEnv().IMPORT_MAX_BYTES;
  const tus = request.headers.get("tus-resumable") !== null;
  if (tus) {
    if (request.headers.get("tus-resumable") !== TUS_VERSION)
      return jsonError(412, `Only tus ${TUS_VERSION} is supported.`, { "Tus-Version": TUS_VERSION });
    const length = integerHeader(request.headers.get("upload-length"));
    if (length === null) return jsonError(400, "Upload-Length is missing: the file's size must be given.");
    const meta = parseMetadata(request.headers.get("upload-metadata"));
    const begun = await executeOrgAction(authorizeUploadAction, caller.ctx, slug, {
      source: meta.source ?? "",
      dataMonth: meta.dataMonth ?? "",
      fileName: meta.filename ?? "",
      length,
    });
    if (!begun.ok) return actionRefusal(begun, TUS_REFUSAL);
    if (begun.data.tooLarge) return tooLarge(limit);
    if (length === 0) {
      await deleteUpload(await getDb(), begun.data.upload.id);
      return jsonError(400, new EmptyUploadError().message);
    }
    const db = await getDb();
    pruneStoredUploads(db);
    // On PostgreSQL the import begins now, not when the last byte arrives: its run reads the pieces as they land,
    // so checking and storing the rows overlap the upload (PGlite's one connection cannot serve both at once).
    if (driverOf(db) === "postgres") {
      const early = await executeOrgAction(createImportAction, caller.ctx, slug, {
        uploadId: begun.data.upload.id,
        early: true,
      });
      if (!early.ok) {
        await deleteUpload(db, begun.data.upload.id);
        return actionRefusal(early, TUS_REFUSAL);
      }
      wakeWorker();
    }
    return new NextResponse(null, {
      status: 201,
      headers: tusHeaders({ Location: `/o/${slug}/imports/upload/${begun.data.upload.id}`, "Upload-Offset": "0" }),
    });
  }

  const q = request.nextUrl.searchParams;
  const declared = integerHeader(request.headers.get("content-length"));
  const begun = await executeOrgAction(authorizeUploadAction, caller.ctx, slug, {
    source: q.get("source") ?? "",
    dataMonth: q.get("dataMonth") ?? "",
    fileName: q.get("name") ?? "",
    length: declared,
  });
  if (!begun.ok) return actionRefusal(begun, TUS_REFUSAL);
  if (begun.data.tooLarge) {
    await drainBody(request.body === null ? null : bodyOf(request));
    return tooLarge(limit);
  }
  const db = await getDb();
  const upload = begun.data.upload;
  try {
    await receiveWholeBody(db, upload, request.body === null ? null : bodyOf(request), limit);
  } catch (err) {
    if (err instanceof UploadTooLargeError) return tooLarge(limit);
    if (err instanceof UploadLengthExceededError) return jsonError(413, err.message);
    if (err instanceof EmptyUploadError || err instanceof UploadInterruptedError) return jsonError(400, err.message);
    throw err;
  }
  const created = await executeOrgAction(createImportAction, caller.ctx, slug, { uploadId: upload.id });
  if (!created.ok) {
    await deleteUpload(db, upload.id);
    return actionRefusal(created, TUS_REFUSAL);
  }
  wakeWorker();
  return NextResponse.json({ id: created.data.id }, { status: 201 });
}

/** tus discovery: what this server speaks (no session needed, nothing about any organisation). */
export function OPTIONS() {
  return new NextResponse(null, {
    status: 204,
    headers: tusHeaders({
      "Tus-Version": TUS_VERSION,
      "Tus-Extension": "creation",
      "Tus-Max-Size": String(serverEnv().IMPORT_MAX_BYTES),
    }),
  });
}

function tooLarge(limit: number) {
  return jsonError(413, `The file is larger than the import limit of ${formatBytes(limit)}.`);
}

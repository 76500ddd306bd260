import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import type { Upload } from "@/db/schema";
import { serverEnv } from "@/lib/env";
import { continueUploadAction, createImportAction } from "@/server/actions/imports";
import { actionRefusal, REFUSAL_STATUS } from "@/server/http/action-refusal";
import { refuseCrossOrigin } from "@/server/http/same-origin";
import { wakeWorker } from "@/server/jobs/worker";
import { executeOrgAction } from "@/server/org-action";
import { uploadCaller } from "@/server/api/request-caller";
import {
  bodyOf,
  drainBody,
  receiveBytes,
  removeUpload,
  UploadInterruptedError,
  UploadLengthExceededError,
  UploadOffsetError,
} from "@/server/imports/storage";
import {
  IMPORT_ID_HEADER,
  integerHeader,
  jsonError,
  OFFSET_CONTENT_TYPE,
  TUS_REFUSAL,
  tusHeaders,
  TUS_VERSION,
} from "@/server/imports/tus";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; id: string }> };

/** tus HEAD: how many bytes of the upload are stored, so the browser resumes from the last one received. */
export async function HEAD(request: NextRequest, { params }: Params) {
  const { slug, id } = await params;
  const caller = await uploadCaller(request);
  if ("refused" in caller) return new NextResponse(null, { status: caller.refused.status, headers: tusHeaders() });
  const res = await executeOrgAction(continueUploadAction, caller.ctx, slug, { uploadId: id, offset: null });
  if (!res.ok) return new NextResponse(null, { status: REFUSAL_STATUS[res.error], headers: tusHeaders() });
  return new NextResponse(null, { status: 200, headers: stateHeaders(res.data) });
}

/**
 * tus PATCH: the bytes from `Upload-Offset` on, stored as they arrive (what arrived before a dropped connection
 * stays). The request that stores the last byte turns the upload into an import and names it in Pcp-Import-Id.
 */
export async function PATCH(request: NextRequest, { params }: Params) {
  const crossOrigin = refuseCrossOrigin(request); // CSRF: only the portal's own pages may send an upload's bytes
  if (crossOrigin) return crossOrigin;
  const { slug, id } = await params;
  const caller = await uploadCaller(request);
  if ("refused" in caller) return caller.refused;
  if (request.headers.get("tus-resumable") !== TUS_VERSION)
    return jsonError(412, `Only tus ${TUS_VERSION} is supported.`, { "Tus-Version": TUS_VERSION });
  if (request.headers.get("content-type") !== OFFSET_CONTENT_TYPE)
    return jsonError(415, `The upload's bytes must be sent as ${OFFSET_CONTENT_TYPE}.`);
  const offset = integerHeader(request.headers.get("upload-offset"));
  if (offset === null) return jsonError(400, "Upload-Offset is missing.");
  const res = await executeOrgAction(continueUploadAction, caller.ctx, slug, { uploadId: id, offset });
  if (!res.ok) return actionRefusal(res, TUS_REFUSAL);
  let upload = res.data;
  if (upload.importEnded && !complete(upload)) {
    // Its import (begun early) has ended before the file did, e.g. refused at an early line: the rest of the file
    // is not needed. The answer says the upload is complete and names the import, which the page then shows.
    await drainBody(request.body === null ? null : bodyOf(request));
    await removeUpload(await getDb(), upload.id);
    return new NextResponse(null, { status: 204, headers: stateHeaders(upload) });
  }
  if (upload.importId && complete(upload))
    return new NextResponse(null, { status: 204, headers: stateHeaders(upload) });
  if (offset !== upload.received) {
    return jsonError(409, "This part of the upload does not follow the bytes already received.", stateValues(upload));
  }
  if (request.body !== null && upload.received < (upload.length ?? 0)) {
    try {
      const received = await receiveBytes(await getDb(), upload, bodyOf(request), serverEnv().IMPORT_MAX_BYTES);
      upload = { ...upload, received };
    } catch (err) {
      if (err instanceof UploadLengthExceededError) return jsonError(413, err.message);
      if (err instanceof UploadOffsetError) return jsonError(409, err.message);
      // The client went away: what arrived is stored, and nobody reads this answer.
      if (err instanceof UploadInterruptedError) return jsonError(400, err.message);
      throw err;
    }
  }
  if (upload.received === upload.length) {
    const created = await executeOrgAction(createImportAction, caller.ctx, slug, { uploadId: id });
    // Its import, begun early (PostgreSQL), read this last byte and ended between the write and this step, and
    // removed the whole upload: the file arrived whole and the import named here has it.
    if (!created.ok && created.error === "not_found" && upload.importId)
      return new NextResponse(null, { status: 204, headers: stateHeaders(upload) });
    if (!created.ok) return actionRefusal(created, TUS_REFUSAL);
    upload = { ...upload, importId: created.data.id };
    wakeWorker();
  }
  return new NextResponse(null, { status: 204, headers: stateHeaders(upload) });
}

type UploadState = Upload & { importEnded?: boolean };

const complete = (upload: Upload) => upload.length !== null && upload.received === upload.length;

/**
 * The upload's state as tus headers. The import is named only once the upload is complete (the clients take that
 * header as "done"), or once an import begun early has ended, when the upload counts as complete: the client
 * stops sending and shows the import.
 */
function stateValues(upload: UploadState): Record<string, string> {
  const done = upload.importEnded === true && upload.length !== null;
  const values: Record<string, string> = { "Upload-Offset": String(done ? upload.length : upload.received) };
  if (upload.length !== null) values["Upload-Length"] = String(upload.length);
  if (upload.importId && (complete(upload) || done)) values[IMPORT_ID_HEADER] = upload.importId;
  return values;
}

function stateHeaders(upload: UploadState): Headers {
  return tusHeaders(stateValues(upload));
}

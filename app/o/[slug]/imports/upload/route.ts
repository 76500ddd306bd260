import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { authorizeUploadAction, createImportAction } from "@/server/actions/imports";
import { refuseCrossOrigin } from "@/server/http/same-origin";
import { runOrgAction, type ActionResult } from "@/server/org-action";
import { EmptyUploadError, formatBytes, removeUpload, saveUpload, UploadTooLargeError } from "@/server/imports/storage";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
};

function refused(res: Extract<ActionResult<unknown>, { ok: false }>) {
  const message = res.fieldErrors ? Object.values(res.fieldErrors).flat().join(" ") || res.message : res.message;
  return NextResponse.json({ error: message }, { status: STATUS[res.error] ?? 400 });
}

/**
 * Receives one import file as the raw request body (the browser reports upload progress), streamed to disk and
 * refused as soon as it passes the size limit. The role is checked before the first byte is stored, and again
 * when the import is recorded.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const crossOrigin = refuseCrossOrigin(request); // CSRF: only the portal's own pages may upload (issue 12, #6)
  if (crossOrigin) return crossOrigin;
  const { slug } = await params;
  const q = request.nextUrl.searchParams;
  const meta = { source: q.get("source") ?? "", dataMonth: q.get("dataMonth") ?? "", fileName: q.get("name") ?? "" };
  const allowed = await runOrgAction(authorizeUploadAction, slug, meta);
  if (!allowed.ok) return refused(allowed);

  const limit = serverEnv().IMPORT_MAX_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) {
    return NextResponse.json(
      { error: `The file is larger than the import limit of ${formatBytes(limit)}.` },
      { status: 413 },
    );
  }
  if (!request.body) return NextResponse.json({ error: new EmptyUploadError().message }, { status: 400 });

  let saved: { path: string; bytes: number };
  try {
    saved = await saveUpload(request.body as unknown as AsyncIterable<Uint8Array>, limit);
  } catch (err) {
    if (err instanceof UploadTooLargeError) return NextResponse.json({ error: err.message }, { status: 413 });
    if (err instanceof EmptyUploadError) return NextResponse.json({ error: err.message }, { status: 400 });
    return NextResponse.json({ error: "The upload was interrupted. Please try again." }, { status: 400 });
  }
  const created = await runOrgAction(createImportAction, slug, {
    ...meta,
    byteSize: saved.bytes,
    storagePath: saved.path,
  });
  if (!created.ok) {
    removeUpload(saved.path);
    return refused(created);
  }
  return NextResponse.json({ id: created.data.id }, { status: 201 });
}

import { expectedDataMonth } from "@/lib/data-cycle";
import { GUIDE_FILES, isGuideFile, SAMPLE_FILE_SIZE, templateCsv } from "@/lib/import-guide";
import { sampleFiles } from "@/server/sample-data";

/**
 * The guide's downloads: generated sample exports and blank templates. They hold no organisation's data (the
 * samples are generated from a fixed seed), so anyone may download them.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!isGuideFile(file)) return new Response("Not found", { status: 404 });
  const { source, kind } = GUIDE_FILES[file];
  const body =
    kind === "template"
      ? templateCsv(source)
      : (await sampleFiles({ ...SAMPLE_FILE_SIZE, toMonth: expectedDataMonth(new Date()) }))[source];
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "public, max-age=3600",
    },
  });
}

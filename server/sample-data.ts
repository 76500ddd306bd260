/**
 * "Try it with sample data": generated exports (lib/generator) go through the same upload → import → recompute
 * pipeline as a user's files, flagged `sample`; clearing removes them and everything computed from them. Both run
 * inside the action's transaction, under the organisation's lock (no import of it runs at the same time).
 */
import type { Db } from "@/db/client";
import { deleteSampleImports, hasImportWithStatus, listImportStates, markImportSample } from "@/db/queries/imports";
import { lockOrganization } from "@/db/queries/organizations";
import { deleteOrganizationRevisions } from "@/db/queries/revisions";
import { deleteOrganizationSnapshots } from "@/db/queries/snapshots";
import { findUploadById } from "@/db/queries/uploads";
import { expectedDataMonth } from "@/lib/data-cycle";
import { generateDataset } from "@/lib/generator";
import { saveUpload } from "./imports/storage";
import { importFromUpload } from "./imports/submit";
import { enqueueJob } from "./jobs/queue";

export const SAMPLE = { tenants: 40, months: 24, seed: 2026 } as const;

export class SampleDataError extends Error {}

/** Imports that hold data or may yet: anything but a rejected, failed or cancelled one. */
const LIVE = ["uploaded", "validating", "awaiting_confirmation", "succeeded"] as const;

/** The sample exports as CSV text, for the import and for the guide's downloads. */
export async function sampleFiles(options: { tenants: number; months: number; seed: number; toMonth: string }) {
  let azure = "";
  let m365 = "";
  await generateDataset(options, { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) });
  return { azure, m365 };
}

export async function loadSampleData(tx: Db, organizationId: string, userId: string, today = new Date()) {
  await lockOrganization(tx, organizationId);
  if (await hasImportWithStatus(tx, organizationId, [...LIVE])) {
    throw new SampleDataError(
      "This organisation already has imports. Sample data goes only into an organisation without data, so it never mixes with yours.",
    );
  }
  const toMonth = expectedDataMonth(today);
  const files = await sampleFiles({ ...SAMPLE, toMonth });
  for (const source of ["azure", "m365"] as const) {
    const saved = await saveUpload(
      tx,
      {
        organizationId,
        createdBy: userId,
        source,
        fileName: source === "azure" ? "sample-azure-usage.csv" : "sample-m365-licences.csv",
        dataMonth: toMonth,
      },
      [Buffer.from(files[source])],
      Number.MAX_SAFE_INTEGER,
    );
    const stored = await findUploadById(tx, saved.id);
    const { imp } = await importFromUpload(tx, stored!);
    await markImportSample(tx, imp.id);
    await enqueueJob(tx, { kind: "import.run", organizationId, payload: { importId: imp.id } });
  }
  return { tenants: SAMPLE.tenants, months: SAMPLE.months, dataMonth: toMonth };
}

/**
 * Removes the sample imports, their revisions and rows, and the organisation's snapshots (computed from them
 * alone: clearing is refused when any real import holds data). Hand-entered points and the audit log stay.
 */
export async function clearSampleData(tx: Db, organizationId: string) {
  await lockOrganization(tx, organizationId);
  const live = await listImportStates(tx, organizationId, [...LIVE]);
  if (live.some((i) => !i.sample)) {
    throw new SampleDataError(
      "Your own imports are mixed in, so the sample data cannot be cleared on its own. Roll back the sample imports on the Data page instead.",
    );
  }
  const sample = live.filter((i) => i.sample);
  if (sample.length === 0) throw new SampleDataError("There is no sample data to clear.");
  if (sample.some((i) => i.status === "uploaded" || i.status === "validating")) {
    throw new SampleDataError("The sample data is still being imported. Try again in a moment.");
  }
  const revisions = await deleteOrganizationRevisions(tx, organizationId);
  const snapshots = await deleteOrganizationSnapshots(tx, organizationId);
  const imports = await deleteSampleImports(tx, organizationId);
  return { imports, revisions, snapshots };
}

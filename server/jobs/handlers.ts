import { abandonImport, runImport } from "../imports/run";
import { abandonRun, runConnectorStep } from "../partner-center/refresh";
import { recomputeSnapshots } from "../snapshots/recompute";
import { runMonthlyCycle } from "./monthly-cycle";
import type { JobHandlers } from "./queue";

/** What each kind of background job does, and how an import whose runs kept dying is ended. */
export const jobHandlers: JobHandlers = {
  "import.run": (db, job) => runImport(db, String(job.payload.importId)),
  "snapshots.recompute": async (db, job) => {
    if (job.organizationId) await recomputeSnapshots(db, job.organizationId);
  },
  "cycle.monthly": (db, job) => runMonthlyCycle(db, new Date(String(job.payload.today ?? new Date().toISOString()))),
  "connector.refresh": (db, job) => runConnectorStep(db, String(job.payload.runId)),
  giveUp: {
    "import.run": (db, job) => abandonImport(db, String(job.payload.importId)),
    "connector.refresh": (db, job) => abandonRun(db, String(job.payload.runId)),
  },
};

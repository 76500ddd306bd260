import { abandonImport, runImport } from "../imports/run";
import { abandonRun, runConnectorStep } from "../partner-center/refresh";
import { recomputeSnapshots } from "../snapshots/recompute";
import { sendRefreshMail } from "../notifications/mail-job";
import { queueRefreshNotifications } from "../notifications/refresh-event";
import { abandonWebhookDelivery, deliverWebhook } from "../webhooks/deliver";
import { runMonthlyCycle } from "./monthly-cycle";
import type { JobHandlers } from "./queue";

/** What each kind of background job does, and how an import whose runs kept dying is ended. */
export const jobHandlers: JobHandlers = {
  "import.run": (db, job) => runImport(db, String(job.payload.importId)),
  "snapshots.recompute": async (db, job) => {
    if (!job.organizationId) return;
    const { recomputed } = await recomputeSnapshots(db, job.organizationId);
    await queueRefreshNotifications(db, job.organizationId, recomputed);
  },
  "notifications.mail": (db, job) => sendRefreshMail(db, job),
  "webhook.deliver": (db, job) => deliverWebhook(db, job),
  "cycle.monthly": (db, job) => runMonthlyCycle(db, new Date(String(job.payload.today ?? new Date().toISOString()))),
  "connector.refresh": (db, job) => runConnectorStep(db, String(job.payload.runId)),
  giveUp: {
    "import.run": (db, job) => abandonImport(db, String(job.payload.importId)),
    "connector.refresh": (db, job) => abandonRun(db, String(job.payload.runId)),
    "webhook.deliver": abandonWebhookDelivery,
  },
};

import { createApiTokenAction, revokeApiTokenAction } from "./api-tokens";
import { exportAuditLogAction } from "./audit";
import { cancelMappingAction, deleteColumnMappingAction, mapImportColumnsAction } from "./column-mappings";
import { deleteWebhookAction, saveWebhookAction, setRefreshEmailAction, testWebhookAction } from "./notifications";
import { changeMemberRoleAction, leaveOrganizationAction, removeMemberAction } from "./members";
import { createInvitationAction, resendInvitationAction, revokeInvitationAction } from "./invitations";
import { renameOrganizationAction } from "./organization";
import { refreshNowAction, removeConnectionAction, saveConnectionAction, testConnectionAction } from "./partner-center";
import { changeRulesAction } from "./rules";
import { requireTwoFactorAction } from "./security";
import { clearSampleDataAction, loadSampleDataAction } from "./sample-data";
import { enterManualScoresAction } from "./scores";
import { deleteScenarioAction, runSimulationAction, saveScenarioAction } from "./simulations";
import { setEnrolmentAction } from "./enrolment";
import { exportSnapshotTenantsAction, exportTrendsAction } from "./snapshot-exports";
import {
  authorizeUploadAction,
  continueUploadAction,
  createImportAction,
  decideImportAction,
  exportImportErrorsAction,
  recomputeAction,
  rollbackImportAction,
  rollbackRevisionAction,
} from "./imports";

/**
 * Every organisation action the app exposes (server actions and route handlers), by name.
 * tests/integration/access-matrix.ts must have a row for each key: adding an action here without
 * its expected outcomes for every kind of caller fails the test suite.
 */
export const orgActions = {
  "org.rename": renameOrganizationAction,
  "org.requireTwoFactor": requireTwoFactorAction,
  "members.changeRole": changeMemberRoleAction,
  "members.remove": removeMemberAction,
  "membership.leave": leaveOrganizationAction,
  "audit.export": exportAuditLogAction,
  "invitations.create": createInvitationAction,
  "invitations.resend": resendInvitationAction,
  "invitations.revoke": revokeInvitationAction,
  "imports.authorize": authorizeUploadAction,
  "imports.upload": continueUploadAction,
  "imports.create": createImportAction,
  "imports.decide": decideImportAction,
  "imports.errors": exportImportErrorsAction,
  "data.rollback": rollbackRevisionAction,
  "imports.rollback": rollbackImportAction,
  "data.recompute": recomputeAction,
  "scores.enterManual": enterManualScoresAction,
  "org.changeRules": changeRulesAction,
  "snapshots.export": exportSnapshotTenantsAction,
  "trends.export": exportTrendsAction,
  "sampleData.load": loadSampleDataAction,
  "sampleData.clear": clearSampleDataAction,
  "simulations.run": runSimulationAction,
  "simulations.save": saveScenarioAction,
  "simulations.delete": deleteScenarioAction,
  "org.enrolment": setEnrolmentAction,
  "connector.save": saveConnectionAction,
  "connector.remove": removeConnectionAction,
  "connector.test": testConnectionAction,
  "connector.refresh": refreshNowAction,
  "imports.map": mapImportColumnsAction,
  "imports.cancelMapping": cancelMappingAction,
  "columnMappings.delete": deleteColumnMappingAction,
  "notifications.setPreference": setRefreshEmailAction,
  "webhook.save": saveWebhookAction,
  "webhook.delete": deleteWebhookAction,
  "webhook.test": testWebhookAction,
  "apiTokens.create": createApiTokenAction,
  "apiTokens.revoke": revokeApiTokenAction,
} as const;

export type OrgActionName = keyof typeof orgActions;

import type { ApiOperation } from "../operation";
import { getImportOperation } from "./imports";
import { getSnapshotOperation, insightsOperation, listSnapshotsOperation, trendsOperation } from "./snapshots";
import { runSimulationOperation } from "./simulations";
import { getTenantOperation, listTenantsOperation } from "./tenants";

/**
 * Every operation of the REST API v1, in the order the OpenAPI document lists them. A new endpoint is one file
 * in this folder (defineApiOperation) plus its line here, and a row in each access matrix (docs/api.md).
 */
export const apiOperations: readonly ApiOperation[] = [
  listSnapshotsOperation,
  getSnapshotOperation,
  listTenantsOperation,
  getTenantOperation,
  insightsOperation,
  trendsOperation,
  getImportOperation,
  runSimulationOperation,
];

/** The operations' organisation actions by name, for server/actions/index.ts (and so the access matrix). */
export const apiActions = Object.fromEntries(apiOperations.map((op) => [op.action.name, op.action]));

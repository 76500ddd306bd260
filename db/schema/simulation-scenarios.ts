import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * A what-if scenario saved by an analyst or admin and shared with the whole organisation (issue 16). It keeps
 * the scenario as validated (lib/simulator/scenario.ts), the snapshot month it was based on, and the points and
 * net adds it predicted for that month and the next three, so they can be set against the snapshots that
 * arrive later.
 */
export const simulationScenarios = pgTable(
  "simulation_scenarios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The scenario (rule set, basis, changes), as scenarioSchema validates it. */
    scenario: jsonb("scenario").$type<Record<string, unknown>>().notNull(),
    /** The data month of the snapshot it was simulated on, and that snapshot's version. */
    baseMonth: text("base_month").notNull(),
    baseVersion: text("base_version").notNull(),
    /** Per month (base month … +3): the predicted points and net adds per track. */
    predicted: jsonb("predicted").$type<Record<string, unknown>[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("simulation_scenarios_org_idx").on(t.organizationId, t.createdAt)],
);

export type SimulationScenario = typeof simulationScenarios.$inferSelect;

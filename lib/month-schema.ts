/**
 * The one zod schema of a data month (`YYYY-MM`) at the boundaries: forms, query strings, route parameters. The
 * check itself is the engine's `isMonth` (lib/scoring/months.ts), so every boundary accepts what the CLI accepts.
 */
import { z } from "zod";
import { isMonth } from "./scoring/months";

export const MONTH_MESSAGE = "Use the form YYYY-MM, e.g. 2026-10.";

export const monthSchema = z.string().refine(isMonth, MONTH_MESSAGE);

/** A route or query parameter that is a month. */
export const isMonthParam = (value: unknown): value is string => typeof value === "string" && isMonth(value);

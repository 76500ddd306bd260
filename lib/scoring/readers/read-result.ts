import type { ImportError } from "../types";
import type { ImportSummary } from "./import-summary";

/**
 * A reader's verdict. On `ok: false` the whole file is rejected: whatever rows were passed to `onRow` before the
 * first error must be discarded (rows stop being emitted once an error is found).
 */
export type ReadResult = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[]; total: number };

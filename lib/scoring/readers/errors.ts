/** Import errors: keep the first 100 for display, count them all. */
import type { ImportError } from "../types";

export const MAX_REPORTED_ERRORS = 100;

export class ErrorList {
  readonly errors: ImportError[] = [];
  total = 0;

  constructor(
    private readonly file: string,
    private readonly limit = MAX_REPORTED_ERRORS,
  ) {}

  add(line: number | null, column: string | null, message: string): void {
    this.total++;
    if (this.errors.length < this.limit) this.errors.push({ file: this.file, line, column, message });
  }
}

export const USAGE = `Usage:
  pcs score   --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules security-2025|security-2026]
              [--m365-basis any-month|last-month] [--details]
  pcs explain --tenant GUID --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules ...] [--m365-basis ...]
  pcs insights --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules ...] [--m365-basis ...]
  pcs generate --tenants N --months N --seed S --out DIR [--to YYYY-MM]
  pcs --help

score     net customer adds and Performance points as JSON (SPEC §4); --details adds one entry per tenant
explain   one tenant's status and figures, as readable text
insights  gap to maximum, near misses, at risk next month and next month's projection, as JSON
generate  a realistic, deterministic pair of exports (azure.csv, m365.csv) in DIR

Exit codes: 0 success, 1 invalid or unreadable input (errors as JSON on stderr), 2 wrong usage.`;

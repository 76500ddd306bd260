export const USAGE = `Usage:
  pcs score   --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules security-2025|security-2026]
              [--m365-basis any-month|last-month] [--details]
  pcs explain --tenant GUID --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules ...] [--m365-basis ...]
  pcs insights --month YYYY-MM [--azure FILE] [--m365 FILE] [--rules ...] [--m365-basis ...]
  pcs generate --tenants N --months N --seed S --out DIR [--to YYYY-MM]
  pcs remote snapshot --url URL --org SLUG [--month YYYY-MM]
  pcs remote tenants  --url URL --org SLUG --month YYYY-MM [--q TEXT] [--status S] [--column C] [--sort S] [--dir D]
  pcs remote upload   --url URL --org SLUG --source azure|m365 --file FILE [--month YYYY-MM] [--no-wait]
                      [--timeout SECONDS]
  pcs --help

score     net customer adds and Performance points as JSON (SPEC §4); --details adds one entry per tenant
explain   one tenant's status and figures, as readable text
insights  gap to maximum, near misses, at risk next month and next month's projection, as JSON
generate  a realistic, deterministic pair of exports (azure.csv, m365.csv) in DIR
remote    a portal's REST API with the token in PCP_API_TOKEN: a snapshot (the latest without --month), every
          tenant of a snapshot matching the filters, or a file uploaded (tus) and its import's final status

Exit codes: 0 success, 1 invalid or unreadable input, or a portal's refusal or failed import (errors as JSON on
stderr), 2 wrong usage.`;

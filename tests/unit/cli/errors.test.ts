/** Bad input exits 1 with JSON errors on stderr (no stack trace); wrong usage exits 2 with the usage. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPcs } from "./run-pcs";
import { scoringFixture } from "../../helpers/fixtures";

let dir: string;
const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const GOOD = "00000000-0000-4000-8000-000000000001,C,2026-05,Azure Firewall,Azure Plan,PAL,600\n";

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcs-cli-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function expectInputError(args: string[], line: number | null, messagePart: RegExp) {
  const run = await runPcs(args);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const body = JSON.parse(run.stderr);
  expect(body.total).toBeGreaterThanOrEqual(1);
  expect(body.errors[0].line).toBe(line);
  expect(body.errors[0].message).toMatch(messagePart);
  return body;
}

describe.concurrent("pcs score with bad input", () => {
  it.each([
    ["empty file", "", 1, /empty/],
    ["header only", HEADER, 2, /no data rows/],
    [
      "missing required column",
      "CustomerTenantId,Month,ServiceName,AssociationType\n" + "x,2026-05,a,PAL\n",
      1,
      /required column/,
    ],
    [
      "wrong column count",
      HEADER + GOOD + "00000000-0000-4000-8000-000000000001,C,2026-05\n",
      3,
      /wrong number of fields/,
    ],
    [
      "bad GUID",
      HEADER + "{00000000-0000-4000-8000-000000000001},C,2026-05,Azure Firewall,Azure Plan,PAL,600\n",
      2,
      /not a GUID/,
    ],
    [
      "month 2026-13",
      HEADER + "00000000-0000-4000-8000-000000000001,C,2026-13,Azure Firewall,Azure Plan,PAL,600\n",
      2,
      /not a month/,
    ],
    [
      "12,50 as a number",
      HEADER + '00000000-0000-4000-8000-000000000001,C,2026-05,Azure Firewall,Azure Plan,PAL,"12,50"\n',
      2,
      /not a decimal/,
    ],
    [
      "quote inside an unquoted field",
      HEADER + GOOD + '00000000-0000-4000-8000-000000000001,C"x,2026-05,Azure Firewall,Azure Plan,PAL,600\n',
      3,
      /quote inside/,
    ],
  ])("%s", async (name, content, line, message) => {
    const file = write(`${name.replace(/\W+/g, "-")}.csv`, content);
    const body = await expectInputError(["score", "--month", "2026-10", "--azure", file], line, message);
    expect(body.errors[0].file).toBe(file);
  });

  it("names the column as written in the header", async () => {
    const file = write(
      "column.csv",
      "tenant_id,Month,ServiceName,AssociationType,ACR\n00000000-0000-4000-8000-000000000001,2026-05,a,PAL,abc\n",
    );
    const body = await expectInputError(["score", "--month", "2026-10", "--azure", file], 2, /not a decimal/);
    expect(body.errors[0].column).toBe("ACR");
  });

  it("a negative licence count", async () => {
    const file = write(
      "neg.csv",
      "CustomerTenantId,Month,WorkloadName,AssociationType,PaidAvailableUnits\n00000000-0000-4000-8000-000000000001,2026-05,Intune,CPOR,-5\n",
    );
    const body = await expectInputError(["score", "--month", "2026-10", "--m365", file], 2, /whole number/);
    expect(body.errors[0].column).toBe("PaidAvailableUnits");
  });

  it("a 10 MB single line", async () => {
    const file = write("long.csv", HEADER + "x".repeat(10 * 1024 * 1024) + "\n");
    await expectInputError(["score", "--month", "2026-10", "--azure", file], 2, /longer than/);
  });

  it("invalid UTF-8", async () => {
    const file = write(
      "latin1.csv",
      Buffer.concat([
        Buffer.from(HEADER + GOOD),
        Buffer.from("00000000-0000-4000-8000-000000000001,Soci"),
        Buffer.from([0xe9]),
        Buffer.from("t\u00e9,2026-05,Azure Firewall,Azure Plan,PAL,600\n"),
      ]),
    );
    await expectInputError(["score", "--month", "2026-10", "--azure", file], 3, /UTF-8/);
  });

  it("a missing file", async () => {
    await expectInputError(["score", "--month", "2026-10", "--azure", path.join(dir, "nope.csv")], null, /not found/);
  });

  it("reports the first 100 errors and the total", async () => {
    const rows = Array.from({ length: 150 }, () => "not-a-guid,C,2026-05,Azure Firewall,Azure Plan,PAL,600\n").join("");
    const file = write("many.csv", HEADER + rows);
    const run = await runPcs(["score", "--month", "2026-10", "--azure", file]);
    const body = JSON.parse(run.stderr);
    expect(body.errors).toHaveLength(100);
    expect(body.total).toBe(150);
  });
});

describe.concurrent("pcs usage", () => {
  const fixture = scoringFixture("max-enterprise", "azure.csv");

  it.each([
    [["score"], /--month is required/],
    [["score", "--month", "2026-13"], /--month must be YYYY-MM/],
    [["score", "--month", "2026-10", "--rules", "security-1999"], /unknown --rules/],
    [["score", "--month", "2026-10", "--m365-basis", "sometimes"], /unknown --m365-basis/],
    [["score", "--month", "2026-10", "--verbose"], /unknown option: --verbose/],
    [["frobnicate"], /unknown command/],
    [["explain", "--month", "2026-10", "--tenant", "xyz"], /--tenant must be a GUID/],
  ])("%j exits 2 with one line and the usage", async (args, message) => {
    const run = await runPcs(args as string[]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const [first] = run.stderr.split("\n");
    expect(first).toMatch(message);
    expect(run.stderr).toContain("Usage:");
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await runPcs(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("pcs score");
    expect(run.stdout).toContain("pcs generate");
  });

  it("--details adds one entry per tenant with money as decimal strings", async () => {
    const run = await runPcs(["score", "--month", "2026-10", "--azure", fixture, "--details"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.customers).toHaveLength(10);
    expect(result.customers[0].azure.current.eligibleAcr).toBe("600.00");
    expect(result.customers[0].tracks.enterprise.azure).toBe("gained");
  });

  it("explain prints one tenant's explanation as text", async () => {
    const run = await runPcs([
      "explain",
      "--month",
      "2026-10",
      "--azure",
      fixture,
      "--tenant",
      "00000000-0000-4000-8000-000000000001",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Customer 1");
    expect(run.stdout).toMatch(/Azure: gained/);
    expect(run.stdout).toContain("current window  eligible ACR 600.00");
  });

  it("generate writes both files deterministically", async () => {
    const a = path.join(dir, "gen-a");
    const b = path.join(dir, "gen-b");
    const runA = await runPcs([
      "generate",
      "--tenants",
      "30",
      "--months",
      "24",
      "--seed",
      "42",
      "--out",
      a,
      "--to",
      "2026-10",
    ]);
    const runB = await runPcs([
      "generate",
      "--tenants",
      "30",
      "--months",
      "24",
      "--seed",
      "42",
      "--out",
      b,
      "--to",
      "2026-10",
    ]);
    expect(runA.status).toBe(0);
    expect(runB.status).toBe(0);
    expect(fs.readFileSync(path.join(a, "azure.csv"))).toEqual(fs.readFileSync(path.join(b, "azure.csv")));
    expect(fs.readFileSync(path.join(a, "m365.csv"))).toEqual(fs.readFileSync(path.join(b, "m365.csv")));
    const score = await runPcs([
      "score",
      "--month",
      "2026-10",
      "--azure",
      path.join(a, "azure.csv"),
      "--m365",
      path.join(a, "m365.csv"),
    ]);
    expect(score.status).toBe(0);
  });
});

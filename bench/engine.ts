/**
 * Engine benchmark (not a test): generates 1,000,000 Azure rows and 500,000 M365 rows into a temp dir, then
 * measures `pcs score` on them next to a bare csv-parse pass over the same files (the floor), each in a fresh
 * process, reporting rows/s and peak memory (RSS sampled every 20 ms). A third run doubles every row of both
 * files (same tenant-months, twice the rows) to show memory follows tenant-months, not rows.
 * Writes bench/results/engine.json.   Run: npm run bench:engine [-- --runs 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { Parser } from "csv-parse";
import { generateDataset } from "../lib/generator";

const AZURE_ROWS = 1_000_000;
const M365_ROWS = 500_000;
const MONTH = "2026-10";

interface Measurement {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
}

/** Child side: one measured pass in this process. */
async function child(mode: string, files: string[]): Promise<void> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = process.hrtime.bigint();
  let rows = 0;
  if (mode === "parse") {
    for (const file of files) {
      const parser = new Parser({ bom: true });
      parser.on("data", () => rows++);
      fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parser);
      await once(parser, "end");
      rows -= 1; // the header
    }
  } else {
    const { scoreCommand } = await import("../scripts/pcs/score");
    const [azure, m365] = files;
    const args = ["--month", MONTH, "--azure", azure];
    if (m365) args.push("--m365", m365);
    const output = await scoreCommand(args);
    JSON.parse(output);
    for (const file of files) rows += countLines(file) - 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  const result: Measurement = {
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMB: Math.round(peak / 1048576),
  };
  process.stdout.write(JSON.stringify(result));
}

/** Generated files have no quoted newlines: lines = records. Counted after timing would skew it, so cheaply. */
function countLines(file: string): number {
  const cached = lineCounts.get(file);
  if (cached !== undefined) return cached;
  let count = 0;
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(1 << 20);
  for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
    for (let at = buffer.indexOf(10); at !== -1 && at < n; at = buffer.indexOf(10, at + 1)) count++;
  }
  fs.closeSync(fd);
  lineCounts.set(file, count);
  return count;
}
const lineCounts = new Map<string, number>();

function measure(mode: string, files: string[]): Measurement {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.resolve(import.meta.dirname, "engine.ts"), "--child", mode, ...files],
    {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  if (run.status !== 0) throw new Error(`child ${mode} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measurement;
}

function median(values: Measurement[]): Measurement {
  const sorted = [...values].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

async function writeFile(
  file: string,
  produce: (write: (chunk: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const stream = fs.createWriteStream(file);
  await produce(async (chunk) => {
    if (!stream.write(chunk)) await once(stream, "drain");
  });
  stream.end();
  await once(stream, "finish");
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf("--runs");
  const runs = runsArg === -1 ? 3 : Number(process.argv[runsArg + 1]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcs-bench-"));
  try {
    const azure = path.join(dir, "azure.csv");
    const m365 = path.join(dir, "m365.csv");
    const azureStream = fs.createWriteStream(azure);
    const m365Stream = fs.createWriteStream(m365);
    const sink = (s: fs.WriteStream) => async (chunk: string) => {
      if (!s.write(chunk)) await once(s, "drain");
    };
    const generated = await generateDataset(
      { tenants: 1_000_000, months: 36, seed: 2026, toMonth: MONTH, maxAzureRows: AZURE_ROWS, maxM365Rows: M365_ROWS },
      { azure: sink(azureStream), m365: sink(m365Stream) },
    );
    azureStream.end();
    m365Stream.end();
    await Promise.all([once(azureStream, "finish"), once(m365Stream, "finish")]);

    // Same tenant-months, every row twice: rows x2, aggregates unchanged in size.
    const doubledFiles: string[] = [];
    for (const file of [azure, m365]) {
      const doubled = file.replace(/\.csv$/, "-x2.csv");
      const text = fs.readFileSync(file, "utf8");
      const body = text.slice(text.indexOf("\n") + 1);
      await writeFile(doubled, async (write) => {
        await write(text);
        await write(body);
      });
      doubledFiles.push(doubled);
    }

    const files = [azure, m365];
    const parse: Measurement[] = [];
    const score: Measurement[] = [];
    const scoreDoubled: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      parse.push(measure("parse", files));
      score.push(measure("score", files));
      scoreDoubled.push(measure("score", doubledFiles));
    }
    const p = median(parse);
    const s = median(score);
    const d = median(scoreDoubled);
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        node: process.version,
        totalMemoryGB: Math.round(os.totalmem() / 2 ** 30),
      },
      dataset: {
        azureRows: generated.azureRows,
        m365Rows: generated.m365Rows,
        tenants: generated.tenants,
        months: `${generated.fromMonth}..${generated.toMonth}`,
        azureMB: Math.round(fs.statSync(azure).size / 1048576),
        m365MB: Math.round(fs.statSync(m365).size / 1048576),
      },
      runs,
      bareCsvParse: p,
      pcsScore: s,
      scoreVsBareParse: Number((s.rowsPerSecond / p.rowsPerSecond).toFixed(2)),
      memoryCheck: {
        note: "both files with every row twice: same tenant-months, twice the rows",
        rows: d.rows,
        peakRssMB: d.peakRssMB,
        rowsPerSecond: d.rowsPerSecond,
      },
      all: { bareCsvParse: parse, pcsScore: score, pcsScoreDoubledRows: scoreDoubled },
    };
    const out = path.resolve(import.meta.dirname, "results", "engine.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`bare csv-parse: ${p.rowsPerSecond.toLocaleString("en")} rows/s, peak RSS ${p.peakRssMB} MB`);
    console.log(
      `pcs score:      ${s.rowsPerSecond.toLocaleString("en")} rows/s, peak RSS ${s.peakRssMB} MB (${result.scoreVsBareParse}x the bare parse)`,
    );
    console.log(`rows x2:        peak RSS ${d.peakRssMB} MB for ${d.rows.toLocaleString("en")} rows`);
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  await child(process.argv[3], process.argv.slice(4));
} else {
  await main();
}

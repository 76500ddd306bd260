/** `pcs generate`: writes azure.csv and m365.csv into --out, streaming. */
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { generateDataset, lastCompleteMonth } from "../../lib/generator";
import { isMonth } from "../../lib/scoring";
import { UsageError, parseOptions } from "./args";
import { InputError } from "./inputs";

function positiveInteger(name: string, value: string | undefined, allowZero = false): number {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || (!allowZero && Number(value) === 0)) {
    throw new UsageError(
      `--${name} must be a ${allowZero ? "whole number" : "positive whole number"}, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

/** A chunk sink over a file stream that waits for 'drain' (back-pressure). */
function fileSink(stream: fs.WriteStream) {
  return async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, "drain");
  };
}

async function close(stream: fs.WriteStream): Promise<void> {
  stream.end();
  await once(stream, "finish");
}

export async function generateCommand(args: readonly string[]): Promise<string> {
  const options = parseOptions(args, { values: ["tenants", "months", "seed", "out", "to"], flags: [] });
  const tenants = positiveInteger("tenants", options.values.get("tenants"));
  const months = positiveInteger("months", options.values.get("months"));
  const seed = positiveInteger("seed", options.values.get("seed"), true);
  const out = options.values.get("out");
  if (out === undefined) throw new UsageError("--out is required");
  const toMonth = options.values.get("to") ?? lastCompleteMonth();
  if (!isMonth(toMonth)) throw new UsageError(`--to must be YYYY-MM, got ${JSON.stringify(toMonth)}`);
  const files = { azure: path.join(out, "azure.csv"), m365: path.join(out, "m365.csv") };
  try {
    await fs.promises.mkdir(out, { recursive: true });
  } catch (error) {
    throw new InputError(
      [
        {
          file: out,
          line: null,
          column: null,
          message: `cannot create the directory (${(error as NodeJS.ErrnoException).code})`,
        },
      ],
      1,
    );
  }
  const azure = fs.createWriteStream(files.azure);
  const m365 = fs.createWriteStream(files.m365);
  const summary = await generateDataset(
    { tenants, months, seed, toMonth },
    { azure: fileSink(azure), m365: fileSink(m365) },
  );
  await Promise.all([close(azure), close(m365)]);
  return `${JSON.stringify({ files, ...summary }, null, 2)}\n`;
}

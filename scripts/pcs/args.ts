/** Minimal option parsing for `pcs`: `--name value`, `--name=value` and boolean flags; anything else is a usage error. */
export class UsageError extends Error {}

export interface OptionSpec {
  /** Options that take a value. */
  values: readonly string[];
  /** Options that are flags. */
  flags: readonly string[];
}

export interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument: ${arg}`);
    const eq = arg.indexOf("=");
    const name = (eq === -1 ? arg : arg.slice(0, eq)).slice(2);
    if (spec.flags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    } else if (spec.values.includes(name)) {
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        value = args[i + 1];
        i++;
      }
      if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
      if (values.has(name)) throw new UsageError(`--${name} given twice`);
      values.set(name, value);
    } else {
      throw new UsageError(`unknown option: --${name}`);
    }
  }
  return { values, flags };
}

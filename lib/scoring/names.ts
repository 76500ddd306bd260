/**
 * Name matching (SPEC §2): names are compared after lower-casing and dropping every character other than
 * a–z and 0–9, and pass through fixed alias tables. The tables below are exactly the spec's: any other name is
 * only itself. Readers emit the canonical name, or the trimmed raw name when it is unknown.
 */
export type NameKind = "service" | "workload" | "associationType" | "offer";

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Canonical name -> its aliases, per kind. */
export const ALIASES: Record<NameKind, Record<string, readonly string[]>> = {
  service: {
    "Microsoft Entra ID B2C": ["Azure AD B2C", "Azure Active Directory B2C"],
    "Microsoft Entra Domain Services": ["Azure AD Domain Services"],
    "Microsoft Entra ID for External Identities": ["Azure AD External Identities", "Azure AD for External Identities"],
    "Microsoft Sentinel": ["Azure Sentinel"],
    "Security Center": ["Security Centre", "Azure Security Center"],
    "Key Vault": ["Azure Key Vault"],
    "Azure Front Door Service": ["Azure Front Door"],
    "Azure DDoS Protection": ["Azure DDOS Protection"],
  },
  workload: {
    "Microsoft Intune": ["Intune"],
    "Microsoft Defender for Office 365": ["Defender for Office 365", "MDO"],
    "Microsoft Purview Information Protection": ["Azure Information Protection", "Purview Information Protection"],
    "Microsoft Entra ID P1": ["Azure AD Premium P1", "Entra ID P1"],
  },
  associationType: {
    PAL: ["Partner Admin Link"],
    "CSP Tier 1": ["CSP Tier1", "CSP 1-Tier", "CSP Direct"],
    "CSP Tier 2": ["CSP Tier2", "CSP 2-Tier", "CSP Indirect", "Indirect Reseller"],
    CPOR: ["Claiming Partner of Record"],
  },
  offer: {
    Trial: ["Free Trial"],
    "Benefit Program": ["Benefit", "Benefit Programs"],
  },
};

/** Defender for Endpoint is a pattern, not a list: `[Microsoft] Defender for Endpoint[s]` or `MDE`, then a plan. */
export const DEFENDER_FOR_ENDPOINT = "Microsoft Defender for Endpoint";
const DEFENDER_FOR_ENDPOINT_PATTERN = /^(?:(?:microsoft)?defenderforendpoints?|mde)(p1|plan1|p2|plan2)?$/;

function defenderForEndpoint(key: string): string | null {
  const m = DEFENDER_FOR_ENDPOINT_PATTERN.exec(key);
  if (m === null) return null;
  if (m[1] === undefined) return DEFENDER_FOR_ENDPOINT;
  return `${DEFENDER_FOR_ENDPOINT} ${m[1].endsWith("1") ? "P1" : "P2"}`;
}

const CACHE_LIMIT = 10_000;

/**
 * Maps raw names to canonical names. Built from the alias tables plus the names used by the rule sets, so that
 * "key-vault" is reported as "Key Vault". Results are cached: an export repeats a few dozen names millions of times.
 */
export class NameTable {
  private readonly byKey: Record<NameKind, Map<string, string>>;
  private readonly cache: Record<NameKind, Map<string, string>>;

  constructor(knownNames: Partial<Record<NameKind, Iterable<string>>> = {}) {
    this.byKey = { service: new Map(), workload: new Map(), associationType: new Map(), offer: new Map() };
    this.cache = { service: new Map(), workload: new Map(), associationType: new Map(), offer: new Map() };
    for (const kind of Object.keys(this.byKey) as NameKind[]) {
      for (const [canonical, aliases] of Object.entries(ALIASES[kind])) {
        this.byKey[kind].set(normalizeName(canonical), canonical);
        for (const alias of aliases) this.byKey[kind].set(normalizeName(alias), canonical);
      }
    }
    this.learn(knownNames);
  }

  /** Adds names (a rule set's lists) as their own canonical spelling; a name already known keeps its spelling. */
  learn(knownNames: Partial<Record<NameKind, Iterable<string>>>): void {
    for (const kind of Object.keys(this.byKey) as NameKind[]) {
      for (const name of knownNames[kind] ?? []) {
        const key = normalizeName(name);
        if (!this.byKey[kind].has(key) && (kind !== "workload" || defenderForEndpoint(key) === null)) {
          this.byKey[kind].set(key, name);
          // A raw value cached as unknown may now have a canonical spelling.
          this.cache[kind].clear();
        }
      }
    }
  }

  /** The canonical name for a raw (untrimmed) cell value, or the trimmed value when the name is unknown. */
  canonical(kind: NameKind, raw: string): string {
    const cache = this.cache[kind];
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const trimmed = raw.trim();
    const key = normalizeName(trimmed);
    const result = (kind === "workload" ? defenderForEndpoint(key) : null) ?? this.byKey[kind].get(key) ?? trimmed;
    if (cache.size < CACHE_LIMIT) cache.set(raw, result);
    return result;
  }
}

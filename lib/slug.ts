/** The URL part derived from an organisation name: lower-case ASCII letters, digits and dashes. */
export const SLUG_MAX_LENGTH = 48;

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, "");
  return slug || "org";
}

/** Candidates in order: "contoso", "contoso-2", "contoso-3", … each within the length limit. */
export function slugCandidate(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/g, "")}${suffix}`;
}

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH + 8 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

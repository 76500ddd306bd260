import { describe, expect, it } from "vitest";
import { isSlug, slugCandidate, slugify, SLUG_MAX_LENGTH } from "./slug";

describe("organisation slugs", () => {
  it("lower-cases and joins words with dashes", () => {
    expect(slugify("Contoso Partners Ltd.")).toBe("contoso-partners-ltd");
  });

  it("drops accents and symbols", () => {
    expect(slugify("Müller & Söhne <script>")).toBe("muller-sohne-script");
  });

  it("falls back to 'org' when nothing usable is left", () => {
    expect(slugify("日本語")).toBe("org");
    expect(slugify("!!!")).toBe("org");
  });

  it("stays within the length limit, also with a numeric suffix", () => {
    const long = slugify("a".repeat(200));
    expect(long).toHaveLength(SLUG_MAX_LENGTH);
    expect(slugCandidate(long, 12)).toHaveLength(SLUG_MAX_LENGTH);
    expect(slugCandidate(long, 12).endsWith("-12")).toBe(true);
  });

  it("numbers the second and later candidates", () => {
    expect(slugCandidate("contoso", 1)).toBe("contoso");
    expect(slugCandidate("contoso", 2)).toBe("contoso-2");
  });

  it("recognises well-formed slugs only", () => {
    expect(isSlug("contoso-2")).toBe(true);
    expect(isSlug("Contoso")).toBe(false);
    expect(isSlug("../etc")).toBe(false);
    expect(isSlug("a--b")).toBe(false);
  });
});

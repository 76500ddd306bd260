import { describe, expect, it } from "vitest";
import { passwordProblem, PASSWORD_MAX_LENGTH } from "./password-policy";

describe("password policy", () => {
  it("refuses a password of 9 characters", () => {
    expect(passwordProblem("Xk4!pq9Zt")).toMatch(/at least 10/);
  });

  it("accepts an uncommon password of exactly 10 characters", () => {
    expect(passwordProblem("Xk4!pq9Ztw")).toBeNull();
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("😀😀😀😀😀")).toMatch(/at least 10/);
  });

  it("refuses a common password whatever its case", () => {
    expect(passwordProblem("password123")).toMatch(/too common/);
    expect(passwordProblem("PassWord123")).toMatch(/too common/);
    expect(passwordProblem("1234567890")).toMatch(/too common/);
  });

  it("refuses one character repeated", () => {
    expect(passwordProblem("zzzzzzzzzzzz")).toMatch(/predictable/);
  });

  it("refuses the user's own e-mail address or its local part", () => {
    expect(passwordProblem("alice.example@contoso.com", { email: "Alice.Example@contoso.com" })).toMatch(/e-mail/);
    expect(passwordProblem("alice.example", { email: "alice.example@contoso.com" })).toMatch(/e-mail/);
  });

  it("refuses an overlong password", () => {
    expect(passwordProblem("a1".repeat(PASSWORD_MAX_LENGTH))).toMatch(/at most/);
  });
});

import { describe, expect, it } from "vitest";
import { PageStore, type StoredPage } from "./store";

const page = (bytes: number, label = "x"): StoredPage => ({
  status: 200,
  headers: [["x-label", label]],
  body: new Uint8Array(bytes),
});

describe("PageStore", () => {
  it("keeps pages up to its size, dropping the least recently used first", () => {
    const store = new PageStore(300);
    store.set("a", page(100, "a"));
    store.set("b", page(100, "b"));
    store.set("c", page(100, "c"));
    expect(store.get("a")?.headers).toEqual([["x-label", "a"]]); // a is now the most recently used
    store.set("d", page(100, "d"));
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBeDefined();
    expect(store.totalBytes).toBe(300);
    store.set("huge", page(301));
    expect(store.get("huge")).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it("renders once for concurrent requests of one key, and serves the copy afterwards", async () => {
    const store = new PageStore(1000);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 10));
      return page(10);
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => store.getOrRender("k", render)));
    expect(renders).toBe(1);
    expect(results.every((r) => r.page !== null && !r.hit)).toBe(true);
    expect((await store.getOrRender("k", render)).hit).toBe(true);
    expect(renders).toBe(1);
  });

  it("keeps nothing when the render is not cacheable or fails, and tries again next time", async () => {
    const store = new PageStore(1000);
    expect((await store.getOrRender("k", async () => null)).page).toBeNull();
    await expect(store.getOrRender("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect((await store.getOrRender("k", async () => page(5))).hit).toBe(false);
    expect((await store.getOrRender("k", async () => page(5))).hit).toBe(true);
  });
});

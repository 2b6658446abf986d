import { describe, expect, it, vi } from "vitest";
import { basicAuthValue, createTokenProvider } from "../src/auth.js";

describe("createTokenProvider", () => {
  it("exchanges once for concurrent callers and caches the token", async () => {
    const exchange = vi.fn(async () => ({ token: "t1", expiresInSeconds: 3600 }));
    const provider = createTokenProvider({ exchange });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.get()));
    expect(new Set(tokens)).toEqual(new Set(["t1"]));
    await provider.get();
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("renews before expiry", async () => {
    let now = 0;
    let issued = 0;
    const provider = createTokenProvider({ exchange: async () => ({ token: `t${++issued}`, expiresInSeconds: 300 }), renewBeforeSeconds: 60, now: () => now });
    expect(await provider.get()).toBe("t1");
    now = 239_000;
    expect(await provider.get()).toBe("t1");
    now = 240_000;
    expect(await provider.get()).toBe("t2");
  });

  it("renews at half-life when the lifetime is shorter than the margin", async () => {
    let now = 0;
    let issued = 0;
    const provider = createTokenProvider({ exchange: async () => ({ token: `t${++issued}`, expiresInSeconds: 60 }), renewBeforeSeconds: 120, now: () => now });
    await provider.get();
    now = 29_000;
    expect(await provider.get()).toBe("t1");
    now = 30_000;
    expect(await provider.get()).toBe("t2");
  });

  it("does not cache a failed exchange, and invalidate forces a new one", async () => {
    let calls = 0;
    const provider = createTokenProvider({
      exchange: async () => {
        calls++;
        if (calls === 1) throw new Error("down");
        return { token: `t${calls}`, expiresInSeconds: 3600 };
      },
    });
    await expect(provider.get()).rejects.toThrow("down");
    expect(await provider.get()).toBe("t2");
    provider.invalidate();
    expect(await provider.get()).toBe("t3");
    expect(provider.current()).toBe("t3");
  });
});

describe("basicAuthValue", () => {
  it("encodes username and password as UTF-8 before base64", () => {
    expect(basicAuthValue("till", "pässword")).toBe(`Basic ${Buffer.from("till:pässword", "utf8").toString("base64")}`);
  });
});

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { serverEnv } from "@/lib/env";
import { refusedAddress } from "@/lib/webhooks/address";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export class RefusedAddressError extends Error {}

/**
 * A DNS lookup that refuses forbidden addresses (lib/webhooks/address.ts). It is the lookup of the connection
 * itself, so the address checked is the address connected to: a host name that resolves to a public address
 * when saved and to the metadata service later (DNS rebinding) is still refused.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as unknown as LookupAddress[];
    const policy = { allowLoopback: serverEnv().WEBHOOK_ALLOW_LOOPBACK === "true" };
    for (const a of list) {
      const why = refusedAddress(a.address, policy);
      if (why) return callback(new RefusedAddressError(`${hostname} resolves to ${why}`), "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/** POSTs a JSON body; resolves with the response status, rejects on a refused address, a timeout or a network error. */
export async function postJson(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const target = new URL(url);
  // A literal address is connected to without a lookup: it is checked here.
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const why = refusedAddress(host, { allowLoopback: serverEnv().WEBHOOK_ALLOW_LOOPBACK === "true" });
    if (why) throw new RefusedAddressError(`${host} is ${why}`);
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: WEBHOOK_TIMEOUT_MS,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume(); // the body is not used; reading it frees the connection
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

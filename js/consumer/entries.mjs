// What every entry of the package must do, wherever it is imported from: build a signed
// charge with a 19-digit BigInt userId, then validate it clean. Used by node.mjs and app.mjs.
export function exercise({ buildRequest, validate, version }) {
  const r = buildRequest({
    endpoint: "charge",
    fields: { sequenceId: "PACK-1", userId: 9999999999999999999n, amount: 1,
      oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" },
    credentials: { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "s" },
  });
  return { version: version(), ok: r.ok, body: r.body, errors: validate("charge", r.headers, r.body).errorCount };
}

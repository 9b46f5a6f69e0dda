// Strict usage of the package's types: must compile with `tsc --strict --noEmit`.
import { buildRequest, validate, verifyTranToken, type BuiltRequest, type Report } from "konaplate";
import { describeCode, load, type Document } from "konaplate/document";

const built: BuiltRequest = buildRequest({
  endpoint: "charge",
  fields: { sequenceId: "T-1", userId: 9999999999999999999n, amount: 10000, oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" },
  credentials: { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "s" },
  timeZone: "UTC",
});
if (built.ok) {
  const report: Report = validate("charge", built.headers, built.body);
  const first: string | undefined = report.violations[0]?.message.ko;
  const verified: boolean = verifyTranToken(built.headers["X-KM-Tran-Token"], built.body, "s").ok;
  console.log(first, verified);
} else {
  const rules: string[] = built.violations.map((v) => v.rule);
  console.log(rules);
}
// Every built-in operation is an EndpointId, not only the charge flow's four.
const payment: number = validate("payment", null, "{}").errorCount;
console.log(payment);
const meaning: string | undefined = describeCode("007_008")?.meaning.en;
console.log(meaning);
const shop: Document = load("{}");
const orders: number = shop.validate("createOrder", null, { orderId: "1" }).errorCount;
console.log(orders);

// A TypeScript app using the package's types by name (checked with moduleResolution "bundler"
// and "node16"): the calls type-check, and a wrong endpoint is an error (the @ts-expect-error
// below fails the check if it is not).
import { buildRequest, validate, type Report } from "konaplate";
import { version as nodeVersion } from "konaplate/node";
import { version as browserVersion } from "konaplate/browser";
import { describeCode, load, type Document } from "konaplate/document";

const request = buildRequest({
  endpoint: "charge",
  fields: { sequenceId: "TS-1", userId: 9999999999999999999n, amount: 1,
    oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" },
  credentials: { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "s" },
});
if (!request.ok) throw new Error(request.violations.map((v) => v.message.en).join("\n"));
const report: Report = validate("charge", request.headers, request.body);
const count: number = report.errorCount;
const versions: string[] = [nodeVersion(), browserVersion()];
const meaning: string | undefined = describeCode("007_008")?.meaning.en;
const shop: Document = load("{}");
// @ts-expect-error: the main entry has no describeCode (it is in konaplate/document)
import("konaplate").then((m) => m.describeCode("007_008"));
// @ts-expect-error: "refund" is not an endpoint
validate("refund", {}, "{}");
export { count, versions, meaning, shop };

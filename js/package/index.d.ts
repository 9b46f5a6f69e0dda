/** The built-in operations (`konaplate/document`'s `load` takes any other document's). */
export type EndpointId =
  | "one-time-token"
  | "charge"
  | "result-inquiry"
  | "cancel"
  | "account-holder"
  | "ars-auth"
  | "ars-register"
  | "ars-register-inquiry"
  | "account-info"
  | "account-inquiry"
  | "account-delete"
  | "payment"
  | "payment-netcancel"
  | "refund-fee"
  | "transaction-history";
export type TimeZone = "KST" | "UTC";
/** The rule a violation breaks: stable names to branch on. */
export type Rule =
  | "jsonSyntax" | "duplicateKey" | "required" | "type" | "integer" | "minimum" | "maximum"
  | "minLength" | "maxLength" | "length" | "minItems" | "maxItems" | "enum" | "unknownField"
  | "repeatedHeader" | "unknownHeader" | "format" | "date" | "timeZone" | "tokenTime" | "signature"
  | "encryption" | "docConflict" | "unsafeNumber" | "forbiddenCharacter" | "httpStatus"
  | "exclusiveMinimum" | "exclusiveMaximum" | "const" | "pattern";
export interface Violation {
  target: "header" | "body";
  /** Header name, or a JSON path such as `$.userId`. */
  location: string;
  rule: Rule;
  severity: "error" | "warning" | "note";
  expected: string;
  got: string;
  message: { en: string; ko: string };
  line?: number;
  column?: number;
}
export interface Report { violations: Violation[]; errorCount: number; warningCount: number; noteCount: number }
/** Header name → value, or [name, value] pairs (pairs keep repeated headers visible). */
export type RequestHeaders = Record<string, string> | Array<[string, string]>;
/** Integers as strings of digits or BigInt keep every digit; a number must be a safe integer. */
export type FieldValue = string | bigint | number | boolean;
export interface Credentials { aspId: string; accessKey: string; secretKey: string }
export interface BuildOptions {
  endpoint: EndpointId;
  fields: Record<string, FieldValue>;
  credentials: Credentials;
  timeZone?: TimeZone;
  /** Defaults to Date.now(). */
  epochMs?: number;
  /** 4 bytes for the correlation id; defaults to crypto.getRandomValues. */
  random?: Uint8Array | number[];
  /** Defaults to KONA PLATE's sandbox, https://sandbox.konaplate.com/open-api */
  baseUrl?: string;
  cryptoKeyId?: string;
  /** Build and sign even when validation finds errors (negative tests). */
  allowInvalid?: boolean;
}
export type BuiltRequest =
  | { ok: true; method: "POST"; url: string; headers: Record<string, string>; body: string; tokenTime: string; report: Report }
  | { ok: false; violations: Violation[] };
export interface Verification { ok: boolean; time?: string; reason?: { en: string; ko: string } }

/**
 * Validates a request: the body as raw JSON text or a JS object, and headers (omit them to check
 * the body only). Findings are returned, never thrown; misuse (an unknown endpoint, a value JSON
 * cannot carry) throws an `Error` starting `konaplate: `.
 */
export function validate(endpoint: EndpointId, headers: RequestHeaders | null | undefined, body: string | object): Report;
/**
 * Builds a signed request: the body serialised once from `fields` (19-digit ids stay exact), the
 * seven X-KM headers over exactly that text, URL and method. Send `body` as it is.
 */
export function buildRequest(options: BuildOptions): BuiltRequest;
/** The X-KM-Tran-Token for `body` (exact text) signed at `epochMs` (default now) in `timeZone` (default KST). */
export function signBody(body: string, secretKey: string, epochMs?: number, timeZone?: TimeZone): string;
/** Checks a tran-token against `body` in constant time; says why when it does not match. */
export function verifyTranToken(token: string, body: string, secretKey: string): Verification;
/** The package version. */
export function version(): string;

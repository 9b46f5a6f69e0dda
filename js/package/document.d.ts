export * from "./index.js";
import type { Report, RequestHeaders, BuildOptions, BuiltRequest } from "./index.js";
export interface CodeInfo { code: string; http: number; message: string; meaning: { en: string; ko: string }; provenance: "published" | "ours" }
/** A response code's HTTP status, message, EN/KO meaning and provenance, or `undefined`. */
export function describeCode(code: string): CodeInfo | undefined;
/** Endpoints, headers, codes, Test Data scenarios, documentation notes and sandbox rules. */
export function catalog(): Record<string, unknown>;
/** The package's functions for the operations of a loaded OpenAPI 3.1 document. */
export interface Document {
  validate(endpoint: string, headers: RequestHeaders | null | undefined, body: string | object): Report;
  buildRequest(options: Omit<BuildOptions, "endpoint"> & { endpoint: string }): BuiltRequest;
  catalog(): Record<string, unknown>;
}
/** Loads an OpenAPI 3.1 document (JSON text); a broken one throws with its JSON pointer and reason. Load each document once. */
export function load(documentText: string): Document;

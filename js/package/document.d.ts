export {
  validate, buildRequest, signBody, verifyTranToken, describeCode, catalog, version,
  EndpointId, TimeZone, Rule, Violation, Report, RequestHeaders, FieldValue, Credentials, BuildOptions,
  BuiltRequest, Verification, CodeInfo,
} from "./konaplate_document.js";
import type { Report, RequestHeaders, BuildOptions, BuiltRequest } from "./konaplate_document.js";
/** The package's functions for the operations of a loaded OpenAPI 3.1 document. */
export interface Document {
  validate(endpoint: string, headers: RequestHeaders | null | undefined, body: string | object): Report;
  buildRequest(options: Omit<BuildOptions, "endpoint"> & { endpoint: string }): BuiltRequest;
  catalog(): Record<string, unknown>;
}
/** Loads an OpenAPI 3.1 document (JSON text); a broken one throws with its JSON pointer and reason. Load each document once. */
export function load(documentText: string): Document;

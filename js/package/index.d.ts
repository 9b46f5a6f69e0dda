export {
  validate, buildRequest, signBody, verifyTranToken, describeCode, catalog, version, load, Document,
  EndpointId, TimeZone, Violation, Report, RequestHeaders, FieldValue, Credentials, BuildOptions,
  BuiltRequest, Verification, CodeInfo,
} from "./konaplate.js";

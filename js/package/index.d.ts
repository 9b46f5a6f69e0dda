export {
  validate, buildRequest, signBody, verifyTranToken, version,
  EndpointId, TimeZone, Rule, Violation, Report, RequestHeaders, FieldValue, Credentials, BuildOptions,
  BuiltRequest, Verification,
} from "./konaplate.js";

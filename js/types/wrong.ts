// Must NOT compile: an unknown endpoint and a time zone the types do not allow.
import { buildRequest } from "konaplate";

buildRequest({
  endpoint: "refund",
  fields: {},
  credentials: { aspId: "a", accessKey: "b", secretKey: "c" },
  timeZone: "JST",
});

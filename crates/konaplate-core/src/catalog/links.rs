//! The types of the document's journey tables: Test Data of the operations beyond the charge,
//! and the response links that chain one request into the next (`x-konaplate-test-data` and
//! `responses.200.links` in `spec/`). [`crate::chain`] follows the links.

use serde::Serialize;

use super::{Code, OperationId, Text};

/// One Test Data request: sent to a sandbox in its seeded state, it gets `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestCase {
    #[serde(serialize_with = "operation_id")]
    pub operation: OperationId,
    pub id: &'static str,
    pub http: u16,
    pub code: Code,
    pub trigger: Text,
    pub body: &'static str,
}

/// An OpenAPI link of a 200 response: `fill` pairs a request field of `to` with a runtime
/// expression (`$request.body#/x` or `$response.body#/x`); `today` names fields filled with
/// today's date (see the `links-body-expressions` note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    #[serde(serialize_with = "operation_id")]
    pub from: OperationId,
    pub name: &'static str,
    #[serde(serialize_with = "operation_id")]
    pub to: OperationId,
    pub description: Text,
    pub fill: &'static [(&'static str, &'static str)],
    pub today: &'static [&'static str],
}

fn operation_id<S: serde::Serializer>(id: &OperationId, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(id.endpoint().id)
}

impl TestCase {
    /// Whether the body breaks a documented rule (the console then ticks "Send anyway").
    pub fn negative_test(&self) -> bool {
        crate::validate::validate_body(self.operation.endpoint(), self.body)
            .iter()
            .any(|v| v.severity == crate::violation::Severity::Error)
    }
}

/// The Test Data of one operation.
pub fn test_data(operation: OperationId) -> impl Iterator<Item = &'static TestCase> {
    super::test_data().iter().filter(move |c| c.operation == operation)
}

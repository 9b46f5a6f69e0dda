//! The journey over arbitrary sequences: verification, ARS code, registration, status, tokens,
//! charges, result inquiries, cancellations (refunds), payments, network cancellations, refund
//! fees, histories, account deletions, clock steps and raw bodies, mostly well formed and
//! chained on earlier answers, against one sandbox. After every request the state's invariants
//! hold (`sandbox::invariants`), nothing moved backwards, a sequenceId is answered 000_000 once,
//! a charge is refunded once and a payment cancelled once.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use konaplate_core::catalog::{sandbox as sb, OperationId};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::response::read_response;
use konaplate_core::sandbox::fixtures::{PORTAL_MERCHANTS, PRESET_TOKENS};
use konaplate_core::sandbox::{fixtures, invariants, Sandbox, SandboxConfig, SandboxRequest};
use konaplate_core::time::TimeZone;
use konaplate_core::violation::Severity;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug, Clone)]
pub enum Op {
    Verify { member: u8, wrong_name: bool },
    ArsAuth { member: u8 },
    Register { member: u8 },
    RegistrationStatus { pick: u8 },
    Token { member: u8, long: bool },
    Charge { member: u8, amount: u32, token: u8, sequence: u8 },
    ResultInquiry { sequence: u8 },
    Cancel { charge: u8, token: u8, sequence: u8 },
    Pay { token: u8, amount: u32, merchant: u8, transaction: u8 },
    NetCancel { payment: u8, amount_off: bool },
    RefundFee { member: u8, token: u8 },
    History { member: u8, tr_type: u8, ascending: bool },
    Delete { member: u8 },
    Advance { seconds: u16 },
    Raw { operation: u8, body: String },
}

/// What a run reached, so a property test can show its sequences went somewhere.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reached {
    pub registered: usize,
    pub charges: usize,
    pub refunds: usize,
    pub payments: usize,
    pub net_cancels: usize,
}

const NOW: i64 = 1_767_225_600_000;
const SECRET: &str = "fuzz-journey-secret";

fn members() -> Vec<&'static str> {
    let mut members: Vec<&str> = fixtures::JOURNEY_MEMBERS.iter().map(|m| m.user_id).collect();
    members.extend([
        sb::MEMBER_ID,
        sb::PENDING_COMPLETES_MEMBER_ID,
        sb::PENDING_FAILS_MEMBER_ID,
        fixtures::EXPIRED_CARD_MEMBER,
        "9000000000000000001",
    ]);
    members
}

struct Run {
    sandbox: Sandbox,
    credentials: Credentials,
    members: Vec<&'static str>,
    /// (token, dcvv, owner) issued or preset.
    tokens: Vec<(String, String, Option<String>)>,
    /// (userId, nrNumber) of charges answered 000_000.
    charges: Vec<(String, String)>,
    /// (token, transactionId, amount, merchant) of payments answered 000_000.
    payments: Vec<(String, String, u64, String)>,
    reg_nos: Vec<String>,
    answered: BTreeSet<String>,
    refunded: BTreeSet<String>,
    net_cancelled: BTreeSet<String>,
    reached: Reached,
}

/// Below 128 the newest item (so chains form often), else any.
fn pick<T: Clone>(items: &[T], i: u8) -> Option<T> {
    let newest = items.len().checked_sub(1)?;
    Some(items[if i < 128 { newest } else { i as usize % items.len() }].clone())
}

impl Run {
    fn new() -> Run {
        Run {
            sandbox: Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 11 }),
            credentials: Credentials {
                asp_id: sb::ASP_ID.into(),
                access_key: sb::ACCESS_KEY.into(),
                secret_key: SECRET.into(),
            },
            members: members(),
            tokens: PRESET_TOKENS
                .iter()
                .map(|t| (t.one_time_token.to_string(), t.dcvv.to_string(), t.user_id.map(str::to_string)))
                .collect(),
            charges: Vec::new(),
            payments: Vec::new(),
            reg_nos: fixtures::JOURNEY_MEMBERS
                .iter()
                .filter_map(|m| match m.start {
                    fixtures::Start::Registered { reg_no } | fixtures::Start::Registration { reg_no, .. } => {
                        Some(reg_no.to_string())
                    }
                    _ => None,
                })
                .collect(),
            answered: BTreeSet::new(),
            refunded: BTreeSet::new(),
            net_cancelled: BTreeSet::new(),
            reached: Reached::default(),
        }
    }

    fn member(&self, i: u8) -> &'static str {
        self.members[i as usize % self.members.len()]
    }

    fn user(&self, i: u8) -> Value {
        serde_json::from_str(self.member(i)).unwrap_or(Value::Null)
    }

    /// A token, and the member to use it for: mostly its owner, sometimes anyone.
    fn token(&self, token: u8, member: u8) -> (String, String, Value) {
        let (t, d, owner) = pick(&self.tokens, token).unwrap_or_default();
        let user = match owner {
            Some(owner) if member < 192 => serde_json::from_str(&owner).unwrap_or(Value::Null),
            _ => self.user(member),
        };
        (t, d, user)
    }

    fn card(&self, i: u8) -> String {
        self.sandbox.state().members.get(self.member(i)).map(|m| m.card_no.clone()).unwrap_or_default()
    }

    fn send(&mut self, operation: OperationId, body: &str) -> Value {
        let inputs = HeaderInputs {
            credentials: &self.credentials,
            epoch_ms: NOW,
            zone: TimeZone::Kst,
            random: [1, 2, 3, 4],
            crypto_key_id: None,
        };
        let Ok(signed) = generate(&inputs, body) else { return Value::Null };
        let headers = signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        let path = operation.endpoint().path.to_string();
        let request = SandboxRequest { method: "POST".into(), path, headers, body: body.into() };
        let response = self.sandbox.handle(&request, NOW);
        assert!(response.status == 200 || response.status >= 400, "status {}", response.status);
        let reading = read_response(Some(response.status), &response.body);
        assert!(reading.problems.iter().all(|p| p.severity == Severity::Note), "{:?}", reading.problems);
        assert_eq!(reading.code.as_deref(), Some(response.code.as_str()));
        serde_json::from_str(&response.body).expect("the sandbox answers JSON")
    }

    /// Sends one operation's request and records what later requests may chain on.
    fn apply(&mut self, op: &Op) {
        let state = self.sandbox.state();
        let journey_member = |i: u8| fixtures::journey_member(self.member(i));
        let (operation, body) = match op {
            Op::Verify { member, wrong_name } => {
                let m = journey_member(*member).unwrap_or(&fixtures::JOURNEY_MEMBERS[0]);
                let name = if *wrong_name { "someone else" } else { m.name };
                (
                    OperationId::AccountHolder,
                    json!({"userId": self.user(*member), "bankCode": m.bank_code, "bankAccount": m.bank_account, "userName": name, "birthDate": m.birth_date}),
                )
            }
            Op::ArsAuth { member } => (OperationId::ArsAuth, json!({ "userId": self.user(*member) })),
            Op::Register { member } => {
                let verified = state.journey.verified.get(self.member(*member));
                let (code, account) =
                    verified.map_or(("003", "1"), |a| (a.bank_code.as_str(), a.bank_account.as_str()));
                (
                    OperationId::ArsRegister,
                    json!({"userId": self.user(*member), "bankCode": code, "bankAccount": account, "bankName": "은행", "userName": "이름", "birthDate": "19900101"}),
                )
            }
            Op::RegistrationStatus { pick: i } => {
                let reg_no = pick(&self.reg_nos, *i).unwrap_or_else(|| "REG9999999999999999999".into());
                (OperationId::ArsRegisterInquiry, json!({ "regNo": reg_no }))
            }
            Op::Token { member, long } => {
                let mut body = json!({ "cardNo": self.card(*member) });
                if *long {
                    body["type"] = "ATM".into();
                }
                (OperationId::OneTimeToken, body)
            }
            Op::Charge { member, amount, token, sequence } => {
                let (t, d, user) = self.token(*token, *member);
                (
                    OperationId::Charge,
                    json!({"sequenceId": format!("F-{}", sequence % 16), "userId": user, "amount": amount % 300_000, "oneTimeToken": t, "dcvv": d, "merchantId": PORTAL_MERCHANTS[0].0}),
                )
            }
            Op::ResultInquiry { sequence } => {
                (OperationId::ResultInquiry, json!({ "sequenceId": format!("F-{}", sequence % 16) }))
            }
            Op::Cancel { charge, token, sequence } => {
                let (user, nr) = pick(&self.charges, *charge).unwrap_or_else(|| (sb::MEMBER_ID.into(), "NR".into()));
                let user: Value = serde_json::from_str(&user).unwrap_or(Value::Null);
                let (t, d, _) = self.token(*token, 0);
                (
                    OperationId::Cancel,
                    json!({"sequenceId": format!("F-{}", sequence % 16), "userId": user, "nrNumber": nr, "oneTimeToken": t, "dcvv": d}),
                )
            }
            Op::Pay { token, amount, merchant, transaction } => {
                let (t, d, _) = self.token(*token, 0);
                let merchant = PORTAL_MERCHANTS[*merchant as usize % PORTAL_MERCHANTS.len()].0;
                (
                    OperationId::Payment,
                    json!({"oneTimeToken": t, "dcvv": d, "amount": amount % 100_000, "merchantId": merchant, "channel": "OPENAPI", "transactionId": format!("T-{}", transaction % 8)}),
                )
            }
            Op::NetCancel { payment, amount_off } => {
                let (t, id, amount, merchant) =
                    pick(&self.payments, *payment).unwrap_or_else(|| (String::new(), "T-0".into(), 1, String::new()));
                (
                    OperationId::PaymentNetcancel,
                    json!({"oneTimeToken": t, "transactionId": id, "amount": amount + u64::from(*amount_off), "merchantId": merchant}),
                )
            }
            Op::RefundFee { member, token } => {
                let (t, _, user) = self.token(*token, *member);
                (OperationId::RefundFee, json!({ "oneTimeToken": t, "userId": user }))
            }
            Op::History { member, tr_type, ascending } => {
                let card = self.card(*member);
                let par = konaplate_core::sandbox::ledger::par_for(&state.journey, &card);
                let mut body = json!({"par": par, "startDate": "19700101", "endDate": "20991231", "pageRequest": {"page": 0, "pageSize": 5, "orderByDirection": if *ascending { "ASC" } else { "DESC" }}});
                if tr_type % 5 < 3 {
                    body["trType"] = format!("0{}", tr_type % 5).into();
                }
                (OperationId::TransactionHistory, body)
            }
            Op::Delete { member } => (OperationId::AccountDelete, json!({ "userId": self.user(*member) })),
            Op::Advance { seconds } => {
                self.sandbox.advance_clock(i64::from(*seconds) * 1000).expect("a forward step");
                return;
            }
            Op::Raw { operation, body } => {
                let all = konaplate_core::catalog::ENDPOINTS;
                let operation = all[*operation as usize % all.len()].operation.unwrap_or(OperationId::Charge);
                self.send(operation, body);
                return;
            }
        };
        let text = body.to_string();
        let answer = self.send(operation, &text);
        self.record(operation, &body, &answer);
    }

    fn record(&mut self, operation: OperationId, body: &Value, answer: &Value) {
        if answer["response"]["code"] != "000_000" {
            return;
        }
        let seq = body["sequenceId"].as_str().unwrap_or_default().to_string();
        match operation {
            OperationId::OneTimeToken => {
                let card = body["cardNo"].as_str().unwrap_or_default();
                let owner = self.sandbox.state().cards.get(card).cloned();
                self.tokens.push((
                    answer["oneTimeToken"].as_str().unwrap_or_default().into(),
                    answer["dcvv"].as_str().unwrap_or_default().into(),
                    owner,
                ));
            }
            OperationId::ArsRegister => self.reg_nos.push(answer["bankAccRegNo"].as_str().unwrap_or_default().into()),
            // Only registrations this run started count (not the seeded ones).
            OperationId::ArsRegisterInquiry
                if answer["status"] == "BANK_ACC_REGISTERED"
                    && !body["regNo"].as_str().unwrap_or_default().starts_with("REG0000000000") =>
            {
                self.reached.registered += 1;
            }
            OperationId::Charge => {
                assert!(self.answered.insert(seq.clone()), "sequenceId {seq} answered 000_000 twice");
                self.charges.push((body["userId"].to_string(), answer["nrNumber"].as_str().unwrap_or_default().into()));
                self.reached.charges += 1;
            }
            OperationId::Cancel => {
                assert!(self.answered.insert(seq.clone()), "sequenceId {seq} answered 000_000 twice");
                let nr = body["nrNumber"].as_str().unwrap_or_default().to_string();
                assert!(self.refunded.insert(nr.clone()), "charge {nr} refunded twice");
                self.reached.refunds += 1;
            }
            OperationId::Payment => {
                self.payments.push((
                    body["oneTimeToken"].as_str().unwrap_or_default().into(),
                    body["transactionId"].as_str().unwrap_or_default().into(),
                    body["amount"].as_u64().unwrap_or_default(),
                    body["merchantId"].as_str().unwrap_or_default().into(),
                ));
                self.reached.payments += 1;
            }
            OperationId::PaymentNetcancel => self.reached.net_cancels += 1,
            _ => {}
        }
    }
}

/// Runs up to 48 operations and checks the invariants after each; returns what was reached.
pub fn run(ops: &[Op]) -> Reached {
    let mut run = Run::new();
    for op in ops.iter().take(48) {
        let before = invariants::Progress::of(run.sandbox.state());
        run.apply(op);
        let after = run.sandbox.state();
        if let Err(e) = invariants::check(after).and_then(|()| invariants::moved_forward(&before, after)) {
            panic!("after {op:?}: {e}");
        }
        let cancelled: BTreeSet<String> =
            after.journey.payments.values().filter(|p| p.cancelled).map(|p| p.nr_number.clone()).collect();
        assert!(cancelled.is_superset(&run.net_cancelled), "a payment's cancellation was undone");
        run.net_cancelled = cancelled;
    }
    run.reached
}

/// The fuzz check: raw bytes decoded into a sequence of operations.
pub fn check_journey(data: &[u8]) {
    let Ok(ops) = Vec::<Op>::arbitrary_take_rest(Unstructured::new(data)) else { return };
    run(&ops);
}

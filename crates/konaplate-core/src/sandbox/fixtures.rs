//! The sandbox's fixtures in one list: the journey's members (the KONA PLATE portal's published
//! test members, cards and merchants, with userIds of ours), the preset tokens, and the charge
//! scenarios' members. The seeded state is built from it, `GET /sandbox/fixtures` and the
//! console show it, and every Test Data request (`catalog::TEST_DATA`) relies on it.

use serde::Serialize;

use super::ledger::{BankAccount, Entry, Fate, Payment, RegStatus, Registration, TrType};
use super::state::{Behaviour, Member, OneTimeToken, State};
use crate::catalog::{sandbox, Text};

/// Where a journey member's bank account stands in the seeded state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Start {
    /// Nothing done yet: verify, register, then charge.
    Unverified,
    /// Holder verification passed; the registration is next.
    Verified,
    /// Registered (`BANK_ACC_REGISTERED`) with this regNo.
    Registered { reg_no: &'static str },
    /// A registration ended, or runs forever, this way.
    Registration { reg_no: &'static str, fate: FateName },
}

/// [`Fate`] by name, for the fixture table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FateName {
    ArsFails,
    Expires,
    BankFails,
    InvalidAccount,
    Stuck,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JourneyMember {
    /// Ours: the portal publishes the members without ids.
    pub user_id: &'static str,
    pub name: &'static str,
    pub birth_date: &'static str,
    pub bank_code: &'static str,
    pub bank_name: &'static str,
    pub bank_account: &'static str,
    /// The portal's "balance" column: only `Y` accounts can be charged (else 007_004).
    pub withdrawable: bool,
    pub card_no: &'static str,
    pub par: &'static str,
    pub start: Start,
}

const fn m(
    user_id: &'static str,
    name: &'static str,
    birth_date: &'static str,
    bank: (&'static str, &'static str, &'static str),
    withdrawable: bool,
    card: (&'static str, &'static str),
    start: Start,
) -> JourneyMember {
    JourneyMember {
        user_id,
        name,
        birth_date,
        bank_code: bank.0,
        bank_name: bank.1,
        bank_account: bank.2,
        withdrawable,
        card_no: card.0,
        par: card.1,
        start,
    }
}

/// The portal's test members (name, birth date, bank, account, "balance") and cards, paired
/// in the order published.
pub const JOURNEY_MEMBERS: &[JourneyMember] = &[
    m(
        "70000000001",
        "김코나",
        "19751112",
        ("003", "IBK기업은행", "333015555557"),
        true,
        ("9491339401250765", "Q180BEA3B2F1BBD8410336D66A4"),
        Start::Registered { reg_no: "REG0000000000000000001" },
    ),
    m(
        "70000000002",
        "김코코",
        "19890530",
        ("010", "NH농협은행", "11112333333"),
        true,
        ("9491339401250906", "Q12EA18694F1BBD928C3ADB3048"),
        Start::Unverified,
    ),
    m(
        "70000000003",
        "박탐나",
        "19920315",
        ("020", "우리은행", "1006122222222"),
        true,
        ("9491339401250898", "Q167819387F1BBD913786BB7055"),
        Start::Unverified,
    ),
    m(
        "70000000004",
        "유대코",
        "19991202",
        ("034", "광주은행", "100333888888"),
        false,
        ("9491339401250880", "Q1C9820531F1BBD90E10F5A9273"),
        Start::Registration { reg_no: "REG0000000000000000004", fate: FateName::ArsFails },
    ),
    m(
        "70000000005",
        "이모나",
        "20050628",
        ("092", "토스뱅크", "100666666668"),
        false,
        ("9491339401250872", "Q12B94ED50F1BBD8F7B05994A0A"),
        Start::Registration { reg_no: "REG0000000000000000005", fate: FateName::Expires },
    ),
    m(
        "70000000006",
        "정푸루",
        "19880214",
        ("005", "KEB하나은행", "2224444455605"),
        true,
        ("9491339401250864", "Q121997E0EF1BBD8E9391BC82A4"),
        Start::Verified,
    ),
    m(
        "70000000007",
        "조동백",
        "19950525",
        ("021", "신한은행", "10044444445"),
        false,
        ("9491339401250856", "Q1E0B86C1FF1BBD8D98A727BADE"),
        Start::Registration { reg_no: "REG0000000000000000007", fate: FateName::Stuck },
    ),
    m(
        "70000000008",
        "최이음",
        "19970911",
        ("031", "DGB대구은행", "505222222224"),
        false,
        ("9491339401250849", "Q103B78709F1BBD8CB648E8D0FB"),
        Start::Registration { reg_no: "REG0000000000000000008", fate: FateName::BankFails },
    ),
    m(
        "70000000009",
        "추비즈",
        "20020126",
        ("045", "새마을금고중앙회", "9002777777779"),
        false,
        ("9491339401250831", "Q1898E85DBF1BBD8B2A4E910953"),
        Start::Registration { reg_no: "REG0000000000000000009", fate: FateName::InvalidAccount },
    ),
    m(
        "70000000010",
        "한배코",
        "19800704",
        ("004", "KB국민은행", "3333015555556"),
        true,
        ("9491339401250823", "Q181B56345F1BBD8AC43331C59C"),
        Start::Registered { reg_no: "REG0000000000000000010" },
    ),
];

/// The member a newcomer walks the whole journey with (unverified, withdrawable).
pub const WALK_MEMBER: &str = "70000000003";

/// The portal's published merchants (acquirer 코나), accepted besides the sandbox's own.
pub const PORTAL_MERCHANTS: &[(&str, &str)] = &[
    ("410195430033901", "네네치킨 청학점"),
    ("410894040073801", "본죽 김포전원마을점"),
    ("410147370025101", "상상만화카페"),
    ("410616271317501", "현재약국"),
    ("410121137754301", "용가리노래연습장"),
];

/// Preset one-time tokens: never used up, never expire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetToken {
    pub one_time_token: &'static str,
    pub dcvv: &'static str,
    /// The member whose card it belongs to; `None`: any member's charge, no card.
    pub user_id: Option<&'static str>,
    pub purpose: Text,
}

pub const EXPIRED_CARD_MEMBER: &str = "9000000000000000011";
pub const SUSPENDED_CARD_MEMBER: &str = "9000000000000000012";

pub const PRESET_TOKENS: &[PresetToken] = &[
    PresetToken {
        one_time_token: sandbox::PRESET_ONE_TIME_TOKEN,
        dcvv: sandbox::PRESET_DCVV,
        user_id: None,
        purpose: Text {
            en: "Charges of any member (the charge Test Data).",
            ko: "모든 회원의 충전(충전 테스트 데이터).",
        },
    },
    PresetToken {
        one_time_token: "2222333344445555",
        dcvv: "456",
        user_id: Some("70000000010"),
        purpose: Text {
            en: "한배코's card: payments, refund fee.", ko: "한배코의 카드: 결제, 환불 수수료."
        },
    },
    PresetToken {
        one_time_token: "3333444455556666",
        dcvv: "789",
        user_id: Some(EXPIRED_CARD_MEMBER),
        purpose: Text { en: "An expired card (006_011).", ko: "만료된 카드(006_011)." },
    },
    PresetToken {
        one_time_token: "4444555566667777",
        dcvv: "321",
        user_id: Some(SUSPENDED_CARD_MEMBER),
        purpose: Text { en: "A suspended card (006_012).", ko: "정지된 카드(006_012)." },
    },
];

/// A member of the charge's Test Data (and the two card fixtures), with what is special about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioMember {
    pub user_id: &'static str,
    pub card_no: String,
    pub behaviour: Text,
}

/// What a scenario member's behaviour does, in words.
pub fn behaviour_text(behaviour: Behaviour) -> Text {
    let t = |en, ko| Text { en, ko };
    match behaviour {
        Behaviour::Normal => t("A registered account: charges succeed.", "등록된 계좌: 충전이 성공합니다."),
        Behaviour::NoAccount => t("No registered account (007_001).", "등록된 계좌 없음(007_001)."),
        Behaviour::BenefitMismatch => t("Incentive changed (007_002).", "인센티브 변경(007_002)."),
        Behaviour::PgWithdrawFails => t("The PG fails every withdrawal (007_004).", "PG 출금 실패(007_004)."),
        Behaviour::ChargeInProgress => t("A charge in progress (007_005).", "충전 진행 중(007_005)."),
        Behaviour::AutoChargeInProgress => t("An auto-charge in progress (007_006).", "자동 충전 진행 중(007_006)."),
        Behaviour::BankAccountProblem => t("The bank reports a problem (007_903).", "은행 계좌 문제(007_903)."),
        Behaviour::PendingThenCompleted => t("isPending, COMPLETED 5 minutes later.", "isPending, 5분 뒤 COMPLETED."),
        Behaviour::PendingThenFailed => t("isPending, FAILED 5 minutes later.", "isPending, 5분 뒤 FAILED."),
        Behaviour::CardExpired => t("An expired card (006_011).", "만료된 카드(006_011)."),
        Behaviour::CardSuspended => t("A suspended card (006_012).", "정지된 카드(006_012)."),
    }
}

/// The charge scenarios' members and the two card fixtures, by userId.
pub fn scenario_pairs() -> impl Iterator<Item = (&'static str, Behaviour)> {
    let card_members =
        [(EXPIRED_CARD_MEMBER, Behaviour::CardExpired), (SUSPENDED_CARD_MEMBER, Behaviour::CardSuspended)];
    super::state::SCENARIO_MEMBERS.iter().copied().chain(card_members)
}

/// [`scenario_pairs`] with their cards and behaviours in words.
pub fn scenario_members() -> Vec<ScenarioMember> {
    scenario_pairs()
        .map(|(user_id, behaviour)| ScenarioMember {
            user_id,
            card_no: super::state::card_for(user_id),
            behaviour: behaviour_text(behaviour),
        })
        .collect()
}

/// Everything a newcomer needs to fill a request, as shown by the console and served at
/// `GET /sandbox/fixtures`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fixtures {
    pub asp_id: &'static str,
    pub walk_member: &'static str,
    pub journey_members: &'static [JourneyMember],
    pub scenario_members: Vec<ScenarioMember>,
    pub merchants: Vec<(&'static str, &'static str)>,
    pub preset_tokens: &'static [PresetToken],
    pub notes: &'static [Text],
}

/// What the fixture list says about itself.
pub const NOTES: &[Text] = &[
    Text {
        en: "Names, birth dates, banks, accounts, cards, PARs and merchants are the KONA PLATE portal's test data as published in client code (not on a KONA PLATE page); the userIds 70000000001..70000000010 are konaplate's.",
        ko: "이름, 생년월일, 은행, 계좌, 카드, PAR, 가맹점은 클라이언트 코드에 공개된 KONA PLATE 포털 테스트 데이터입니다(KONA PLATE 페이지에는 없음). userId 70000000001..70000000010은 konaplate가 정했습니다.",
    },
    Text {
        en: "Only accounts marked withdrawable (the portal's balance = Y) can be charged; the others get 007_004.",
        ko: "출금 가능(포털의 balance = Y)으로 표시된 계좌만 충전할 수 있으며, 나머지는 007_004를 받습니다.",
    },
    Text {
        en: "The portal's bank codes 010, 005 and 021 differ from the verification page's table (011, 081, 088); the sandbox accepts the portal's.",
        ko: "포털의 은행 코드 010, 005, 021은 검증 페이지의 코드표(011, 081, 088)와 다릅니다. 샌드박스는 포털의 코드를 받아들입니다.",
    },
];

pub fn fixtures() -> Fixtures {
    let mut merchants = vec![(sandbox::MERCHANT_ID, "konaplate sandbox merchant")];
    merchants.extend_from_slice(PORTAL_MERCHANTS);
    Fixtures {
        asp_id: sandbox::ASP_ID,
        walk_member: WALK_MEMBER,
        journey_members: JOURNEY_MEMBERS,
        scenario_members: scenario_members(),
        merchants,
        preset_tokens: PRESET_TOKENS,
        notes: NOTES,
    }
}

/// The journey member with this userId.
pub fn journey_member(user_id: &str) -> Option<&'static JourneyMember> {
    JOURNEY_MEMBERS.iter().find(|m| m.user_id == user_id)
}

/// The journey member whose account this is.
pub fn account_holder(bank_code: &str, bank_account: &str) -> Option<&'static JourneyMember> {
    JOURNEY_MEMBERS.iter().find(|m| m.bank_code == bank_code && m.bank_account == bank_account)
}

fn account(member: &JourneyMember) -> BankAccount {
    BankAccount {
        bank_code: member.bank_code.into(),
        bank_account: member.bank_account.into(),
        holder: member.name.into(),
    }
}

/// Adds the journey's fixtures to a freshly seeded state.
pub fn seed(state: &mut State) {
    for (id, _) in PORTAL_MERCHANTS {
        state.merchants.push((*id).to_string());
    }
    for member in JOURNEY_MEMBERS {
        let behaviour = if member.withdrawable { Behaviour::Normal } else { Behaviour::PgWithdrawFails };
        state.cards.insert(member.card_no.into(), member.user_id.into());
        state.members.insert(member.user_id.into(), Member { behaviour, balance: 0, card_no: member.card_no.into() });
        let ledger = &mut state.journey;
        ledger.pars.insert(member.card_no.into(), member.par.into());
        ledger.managed.insert(member.user_id.into());
        let (reg_no, fate, status) = match member.start {
            Start::Unverified => continue,
            Start::Verified => {
                ledger.verified.insert(member.user_id.into(), account(member));
                continue;
            }
            Start::Registered { reg_no } => {
                ledger.accounts.insert(member.user_id.into(), account(member));
                (reg_no, Fate::Registers, RegStatus::BankAccRegistered)
            }
            Start::Registration { reg_no, fate } => match fate {
                FateName::ArsFails => (reg_no, Fate::ArsFails, RegStatus::ArsAuthFailed),
                FateName::Expires => (reg_no, Fate::Expires, RegStatus::ArsAuthFailed),
                FateName::BankFails => (reg_no, Fate::BankFails, RegStatus::BankAccRegFailed),
                FateName::InvalidAccount => (reg_no, Fate::InvalidAccount, RegStatus::BankAccRegFailed),
                FateName::Stuck => (reg_no, Fate::Stuck, RegStatus::ArsAuthInProgress),
            },
        };
        ledger.verified.insert(member.user_id.into(), account(member));
        ledger.registrations.insert(
            reg_no.into(),
            Registration {
                reg_no: reg_no.into(),
                user_id: member.user_id.into(),
                account: account(member),
                started_ms: 0,
                fate,
                status,
            },
        );
    }
    for user_id in [EXPIRED_CARD_MEMBER, SUSPENDED_CARD_MEMBER] {
        let behaviour = if user_id == EXPIRED_CARD_MEMBER { Behaviour::CardExpired } else { Behaviour::CardSuspended };
        state.enrol(user_id, behaviour);
    }
    for preset in PRESET_TOKENS.iter().filter(|p| p.user_id.is_some()) {
        state.tokens.insert(
            preset.one_time_token.into(),
            OneTimeToken {
                dcvv: preset.dcvv.into(),
                user_id: preset.user_id.map(str::to_string),
                expires_ms: None,
                used: false,
            },
        );
    }
    seed_payments(state);
}

/// 한배코's history: a 50000-won charge, a 5000-won payment, and a 3000-won payment cancelled on
/// the network (the netcancel Test Data use them).
fn seed_payments(state: &mut State) {
    let user = "70000000010";
    let entry = |tr_type, cancel, nr: &str, amount| Entry {
        user_id: user.into(),
        tr_type,
        cancel,
        nr_number: nr.into(),
        amount,
        balance_before: 0,
        balance_after: 0,
        merchant_id: PORTAL_MERCHANTS[0].0.into(),
        approval_code: String::new(),
        at_ms: 0,
    };
    state.post(Entry { merchant_id: String::new(), ..entry(TrType::Charge, false, "NR-SEEDED-0000000010", 50_000) });
    for (nr, transaction_id, amount, cancelled) in
        [("KMN000000000000001", "TD-PAY-SEEDED", 5_000, false), ("KMN000000000000002", "TD-PAY-CANCELLED", 3_000, true)]
    {
        state.post(Entry { approval_code: "000001".into(), ..entry(TrType::Payment, false, nr, amount) });
        if cancelled {
            state.post(Entry { approval_code: "000001".into(), ..entry(TrType::Payment, true, nr, amount) });
        }
        state.journey.payments.insert(
            nr.into(),
            Payment {
                nr_number: nr.into(),
                transaction_id: transaction_id.into(),
                user_id: user.into(),
                one_time_token: "2222333344445555".into(),
                merchant_id: PORTAL_MERCHANTS[0].0.into(),
                amount,
                approval_code: "000001".into(),
                at_ms: 0,
                cancelled,
            },
        );
    }
}

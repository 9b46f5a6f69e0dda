//! One console's state, the messages that change it and the pure [`update`]: everything the
//! user or the network does is a [`Msg`]; the screen is a function of [`State`] (see `view`).
//! No DOM here: time and random bytes arrive inside the messages, so every step is tested
//! natively.

use konaplate_core::catalog::{self, Endpoint, OperationId, Scenario};
use konaplate_core::headers::Credentials;
use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
use konaplate_core::snippets::Language;
use konaplate_core::text::Text;
use konaplate_core::time::TimeZone;

use crate::crypto::{Crypto, Loaded, Module};
use crate::doctor::Doctor;
use crate::draft::{draft, Draft, DraftInputs, OVERRIDABLE};
use crate::environments::{self, Environments, Live};
use crate::exchange::{self, Target};
use crate::history::{Entry, History};
use crate::journey;
use crate::permalink::Permalink;
use crate::sandbox::{self, InBrowser, Waiting};
use crate::starter::starter_body;
use crate::text::Lang;
use crate::transport::Failure;

/// Where snippets and the server target point by default: the sandbox `konaplate serve` starts.
pub const LOCAL_SANDBOX_URL: &str = "http://127.0.0.1:8787/open-api";

/// A clock reading and four random bytes, taken by the shell when a message needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub epoch_ms: i64,
    pub random: [u8; 4],
}

/// Which body editor is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Form,
    Raw,
}

/// What the response area says.
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq, Clone))]
pub enum Outcome {
    /// Nothing sent yet.
    Nothing,
    /// Send refused: this many errors and "Send anyway" off.
    Refused { errors: usize },
    /// A request is on the network.
    Sending,
    /// The network failed; the message is worded at render time in the current language.
    Failed { target: Target, url: String, failure: Failure },
    /// An answered exchange (the last one, or one picked from the history).
    Shown(Box<Entry>),
    /// The in-browser sandbox gave no answer: its module could not be loaded, or why it did not
    /// answer (EN/KO, `sandbox::unavailable`). A later Send tries again.
    NoSandbox(Text<String>),
}

/// A request handed to `fetch`.
#[derive(Debug, Clone, PartialEq)]
pub struct Flight {
    pub target: Target,
    pub url: String,
    pub request: SandboxRequest,
}

/// What the shell must do after an update (the only effect that leaves the page).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Fetch(Flight),
    /// Offer a file to save (the history as HAR, the profiles).
    Download {
        name: &'static str,
        mime: &'static str,
        text: String,
    },
    /// Load the encryption module (an Encrypted operation is picked, or a response has encData).
    LoadCrypto,
    /// Load the diagnose module (the Diagnose panel is in use).
    LoadDiagnose,
    /// Load the sandbox module and make this console's sandbox in it (`seed`: its random
    /// choices; `document`: the `spec` text, whose operations it answers); the outcome comes
    /// back as [`Msg::SandboxLoaded`].
    LoadSandbox {
        seed: u64,
        document: Option<std::rc::Rc<str>>,
    },
    /// Load the built-in operations the page's first load has as stubs (core's
    /// `catalog::deferred`); the outcome comes back as [`Msg::OperationsLoaded`].
    LoadOperations,
    /// Ask a sandbox server to move its clock: `POST url` with `body` (JSON); the answer comes
    /// back as [`Msg::ServerClockAnswered`].
    MoveServerClock {
        url: String,
        body: String,
    },
}

/// Everything the user or the network does.
#[derive(Debug, Clone)]
pub enum Msg {
    Language(Lang),
    /// Flip the colour scheme from what is shown now (`system_dark` unless pinned).
    ToggleTheme {
        system_dark: bool,
    },
    Endpoint(&'static Endpoint, Clock),
    Scenario(&'static Scenario, Clock),
    AspId(String),
    AccessKey(String),
    Secret(String),
    ClearCredentials,
    Tab(Tab),
    /// The raw JSON as typed.
    Body(String),
    /// An edit in the form at `path` (a JSON pointer into the body, e.g. `/items/0/sku`).
    Field {
        path: String,
        edit: crate::form::Edit,
    },
    Zone(TimeZone),
    /// A header override as typed (empty: automatic).
    Override {
        name: &'static str,
        value: String,
    },
    Target(Target),
    ServerUrl(String),
    SendAnyway(bool),
    SnippetLanguage(Language),
    /// A collapsible part of the screen opened or closed.
    Panel(Panel, bool),
    Send(Clock),
    /// The network answered the request in flight.
    Answered(SandboxResponse),
    /// The request in flight failed.
    Failed(Failure),
    /// Show a history entry again (0: newest).
    ShowHistory(usize),
    /// Turn a pending charge into its result inquiry.
    PrepareInquiry,
    /// The Diagnose panel's paste as typed.
    DiagnoseText(String),
    /// Diagnose the paste (with the secret, at this clock reading).
    Diagnose(Clock),
    /// Make the profile of this name active.
    Profile(String),
    /// The active profile's variables as typed.
    Variables(String),
    /// "Keep for this tab" (sessionStorage) on or off.
    KeepForTab(bool),
    /// A profile file's text, to import.
    ImportProfiles(String),
    ExportProfiles,
    /// The history as HAR, keys redacted.
    ExportHar,
    /// A control of the encryption panel changed (the module's own listener took its value in,
    /// and keeps it; the console does not): render, so the body is sealed anew and shown.
    Crypto,
    /// The encryption module loaded (`None`: it could not be).
    CryptoLoaded(Option<Loaded>),
    /// The diagnose module loaded (`None`: it could not be).
    DiagnoseLoaded(Option<crate::doctor::Loaded>),
    /// The sandbox module loaded and made this console's sandbox (`None`: it could not).
    SandboxLoaded(Option<sandbox::Loaded>),
    /// The operations beyond the charge flow loaded (`false`: they could not be).
    OperationsLoaded(bool),
    /// Follow the shown answer's n-th link (`journey::links`).
    FollowLink(usize, Clock),
    /// Fill the request from the n-th fixture (`journey::fixture_list`).
    Fixture(usize),
    /// Open the n-th journey step (`journey::STEPS`).
    JourneyStep(usize, Clock),
    /// "+5 min": move the target sandbox's clock forward by `journey::ADVANCE_MS` (the
    /// in-browser sandbox's at once; a server's through [`Effect::MoveServerClock`]).
    AdvanceClock(Clock),
    /// A server's answer to "+5 min" (`url`: the clock asked), or why there was none.
    ServerClockAnswered {
        url: String,
        answer: Result<(u16, String), Failure>,
    },
    /// Fill the request with the shown operation's n-th Test Data (`journey::test_cases`).
    TestCase(usize),
}

/// One console's state. Credentials live here, in memory only.
pub struct State {
    /// The operations the picker offers: the built-in document's, or a loaded one's (`spec`).
    pub operations: Vec<&'static Endpoint>,
    pub lang: Lang,
    /// `None`: the system's colour scheme.
    pub dark: Option<bool>,
    pub endpoint: &'static Endpoint,
    pub zone: TimeZone,
    pub target: Target,
    pub server_url: String,
    pub credentials: Credentials,
    pub body: String,
    /// The body the console itself last filled in (replaced when the endpoint changes).
    pub auto_body: String,
    /// The form control being typed in (its JSON pointer) and its text as typed (shown as is,
    /// so the caret stays).
    pub typing: Option<(String, String)>,
    /// One per [`OVERRIDABLE`] header, in that order; empty means automatic.
    pub overrides: Vec<(&'static str, String)>,
    pub send_anyway: bool,
    pub snippet_language: Language,
    /// The collapsible parts open now: only those are rendered.
    pub open: Vec<Panel>,
    pub tab: Tab,
    pub in_flight: Option<Flight>,
    /// Set through [`State::set_outcome`], which counts the changes in `outcome_changes`.
    pub outcome: Outcome,
    pub outcome_changes: u32,
    pub history: History,
    /// The in-browser sandbox: made on first use, in the on-demand module `sandbox`.
    pub sandbox: InBrowser,
    /// The last "+5 min" sent to a server: the clock URL asked and what it said.
    pub server_clock: Option<(String, journey::ServerClock)>,
    /// Keep the request in the URL fragment.
    pub permalink: bool,
    /// The page's origin, e.g. `http://127.0.0.1:8080` (named in CORS explanations).
    pub origin: String,
    /// The Diagnose panel.
    pub doctor: Doctor,
    /// The named profiles; `target`, `server_url` and `credentials` are the active one's, live.
    pub environments: Environments,
    /// Message encryption: the module and the sealed body (the keys are in the module).
    pub crypto: Crypto,
    /// The body each operation had when the user left it: a followed link fills it further.
    pub drafts: Vec<(&'static str, String)>,
    /// The built-in operations the page's first load has as stubs.
    pub deferred: Deferred,
}

/// A part of the screen behind a `<details>`, filled only while it is open: neither first paint
/// nor a keystroke pays for it while it is closed (and the page's first load need not carry it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The sandbox's fixtures as buttons (journey).
    Fixtures,
    /// The code snippet of the request.
    Snippets,
}

impl Panel {
    pub fn from_id(id: &str) -> Option<Panel> {
        match id {
            "fixtures" => Some(Panel::Fixtures),
            "snippets" => Some(Panel::Snippets),
            _ => None,
        }
    }
}

/// The built-in operations the page's first load has as stubs (core's `catalog::deferred`): their
/// load, and the one request that waits for it (the last one asked).
#[derive(Debug, Default)]
pub struct Deferred {
    pub module: Module,
    waiting: Option<Msg>,
}

/// What the host asks for at mount (validated here: unknown values are ignored).
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// A loaded document's operations; empty means the built-in ones.
    pub operations: Vec<&'static Endpoint>,
    pub endpoint: Option<String>,
    pub language: Option<String>,
    pub target: Option<String>,
    pub server_url: Option<String>,
    pub permalink: bool,
    pub origin: String,
    /// What "keep for this tab" left in sessionStorage, if anything.
    pub session_profiles: Option<String>,
    /// The loaded document's text (`spec`), for the in-browser sandbox's module.
    pub document: Option<std::rc::Rc<str>>,
}

impl State {
    /// First state: the permalink (if any), else the host's options, else the success preset.
    pub fn new(start: &Start, link: Option<Permalink>, clock: Clock) -> State {
        let link = link.filter(|_| start.permalink);
        let endpoint_id = link.as_ref().map(|l| l.endpoint.as_str()).or(start.endpoint.as_deref());
        let operations =
            if start.operations.is_empty() { catalog::operations().to_vec() } else { start.operations.clone() };
        let find = |id: &str| catalog::find(&operations, id);
        let endpoint =
            endpoint_id.and_then(find).or_else(|| find(catalog::CHARGE_ENDPOINT.id)).unwrap_or(operations[0]);
        let environments = start.session_profiles.as_deref().and_then(Environments::from_session).unwrap_or_default();
        let live = environments.active().clone();
        let mut state = State {
            operations,
            lang: start.language.as_deref().and_then(Lang::from_code).unwrap_or_default(),
            dark: None,
            endpoint,
            zone: TimeZone::Kst,
            // The active profile's values are the live ones.
            target: live.target,
            server_url: live.server_url,
            credentials: live.credentials,
            body: String::new(),
            auto_body: String::new(),
            typing: None,
            overrides: OVERRIDABLE.iter().map(|name| (*name, String::new())).collect(),
            send_anyway: false,
            snippet_language: Language::Shell,
            open: Vec::new(),
            tab: Tab::Form,
            in_flight: None,
            outcome: Outcome::Nothing,
            outcome_changes: 0,
            history: History::default(),
            sandbox: InBrowser { document: start.document.clone(), ..InBrowser::default() },
            server_clock: None,
            permalink: start.permalink,
            origin: start.origin.clone(),
            doctor: Doctor::default(),
            environments,
            crypto: Crypto::default(),
            drafts: Vec::new(),
            deferred: Deferred::default(),
        };
        // The tab's kept profiles win; else the host's target picks the first profile with that
        // target, and its server URL goes into the profile chosen.
        if start.session_profiles.is_none() {
            if let Some(target) = start.target.as_deref().and_then(Target::from_id) {
                let first = state.environments.profiles.iter().find(|p| p.target == target).map(|p| p.name.clone());
                if let Some(name) = first {
                    update(&mut state, Msg::Profile(name));
                }
                state.target = target;
            }
            if let Some(url) = &start.server_url {
                state.server_url.clone_from(url);
            }
            state.save_profile();
        }
        if let Some(name) = link.as_ref().and_then(|l| l.profile.clone()) {
            update(&mut state, Msg::Profile(name));
        }
        match link {
            Some(link) => {
                state.zone = TimeZone::from_code(&link.zone).unwrap_or(TimeZone::Kst);
                state.body = link.body;
                for (name, value) in link.headers {
                    if let Some(slot) = state.overrides.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                        slot.1 = value;
                    }
                }
            }
            None => state.fill_body(state.starter_body(endpoint, clock)),
        }
        state
    }

    /// The request as drafted now: headers, signature and validation for this clock reading.
    /// The active profile's `{{variables}}` are resolved in the body and the overrides first.
    pub fn draft(&self, clock: Clock) -> Draft {
        let variables = self.environments.variables();
        let (body, _) = environments::resolve(&self.body, &variables);
        let overrides: Vec<(&'static str, String)> =
            self.overrides.iter().map(|(n, v)| (*n, environments::resolve(v, &variables).0)).collect();
        let sealed = self.crypto.seal(self.endpoint.encrypted, &body);
        draft(&DraftInputs {
            endpoint: self.endpoint,
            credentials: &self.credentials,
            zone: self.zone,
            epoch_ms: clock.epoch_ms,
            random: clock.random,
            overrides: &overrides,
            body: &body,
            sealed: sealed.as_ref().map(|s| s.wire.as_str()),
            crypto_key_id: sealed.as_ref().and_then(crate::crypto::Sealed::key_id),
        })
    }

    /// `{{names}}` in the body or the overrides that the active profile does not define.
    pub fn unknown_variables(&self) -> Vec<String> {
        let variables = self.environments.variables();
        let mut unknown = environments::resolve(&self.body, &variables).1;
        for (_, value) in &self.overrides {
            for name in environments::resolve(value, &variables).1 {
                if !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
        }
        unknown
    }

    /// The live values go into the active profile.
    fn save_profile(&mut self) {
        let (mut target, mut server_url, mut credentials) =
            (self.target, self.server_url.clone(), self.credentials.clone());
        self.environments.save(&Live {
            target: &mut target,
            server_url: &mut server_url,
            credentials: &mut credentials,
        });
    }

    /// The sequenceId a shown pending charge answered for.
    pub fn pending(&self) -> Option<String> {
        match &self.outcome {
            Outcome::Shown(entry) => exchange::pending_sequence_id(&entry.request.body, &entry.response.body),
            _ => None,
        }
    }

    /// The permalink for this state: never a credential.
    pub fn link(&self) -> Permalink {
        let headers = self
            .overrides
            .iter()
            .filter(|(name, value)| !value.is_empty() && !catalog::header(name).is_some_and(|h| h.secret))
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect();
        Permalink {
            endpoint: self.endpoint.id.into(),
            zone: self.zone.code().into(),
            body: self.body.clone(),
            headers,
            profile: Some(self.environments.active().name.clone()),
        }
    }

    fn starter_body(&self, endpoint: &Endpoint, clock: Clock) -> String {
        if endpoint.operation == Some(OperationId::Charge) {
            exchange::scenario_body(&catalog::SCENARIOS[0], clock.epoch_ms, clock.random)
        } else {
            starter_body(endpoint, &self.history)
        }
    }

    fn set_outcome(&mut self, outcome: Outcome) {
        self.outcome = outcome;
        self.outcome_changes = self.outcome_changes.wrapping_add(1);
    }

    fn fill_body(&mut self, body: String) {
        self.body = body.clone();
        self.auto_body = body;
        self.typing = None;
    }

    /// Switches the endpoint; a body the user did not write is replaced by the new starter.
    fn set_endpoint(&mut self, endpoint: &'static Endpoint, body: Option<String>, clock: Clock) {
        if self.endpoint != endpoint {
            self.drafts.retain(|(id, _)| *id != self.endpoint.id);
            self.drafts.push((self.endpoint.id, self.body.clone()));
        }
        self.endpoint = endpoint;
        self.typing = None;
        match body {
            Some(body) => self.fill_body(body),
            None if self.body == self.auto_body || self.body.trim().is_empty() => {
                let body = self.starter_body(endpoint, clock);
                self.fill_body(body)
            }
            None => {}
        }
    }

    /// Whose clock "+5 min" moves for the current target, and where it stands.
    pub fn clock_view(&self) -> journey::ClockView<'_> {
        use journey::ClockView;
        match self.target {
            Target::InBrowser => ClockView::InBrowser(self.sandbox.offset_ms),
            Target::Proxy => ClockView::NotASandbox,
            Target::Server => match journey::server_clock_url(&self.server_url) {
                None => ClockView::NoServerUrl,
                Some(url) => {
                    let clock = self.server_clock.as_ref().filter(|(asked, _)| *asked == url).map(|(_, c)| c);
                    ClockView::Server { url, clock }
                }
            },
        }
    }

    /// How far the target sandbox's clock runs ahead of real time, as far as this page knows
    /// (a link's "today" is the sandbox's).
    pub fn clock_offset_ms(&self) -> i64 {
        match self.clock_view() {
            journey::ClockView::InBrowser(offset) => offset,
            journey::ClockView::Server { clock: Some(journey::ServerClock::Moved { offset_ms, .. }), .. } => *offset_ms,
            _ => 0,
        }
    }

    /// "+5 min": the in-browser sandbox's clock at once; a server's by asking it; nothing
    /// for KONA PLATE's sandbox (the clock line says why).
    fn advance_clock(&mut self, clock: Clock) -> Option<Effect> {
        match self.target {
            Target::InBrowser => {
                let Some(backend) = self.sandbox.backend.clone() else {
                    return self.wait_for_sandbox(clock, Waiting::Advance(clock));
                };
                // Only forward, within one step's bound.
                match backend.advance(journey::ADVANCE_MS) {
                    Ok(offset) => self.sandbox.offset_ms = offset,
                    Err(why) => self.set_outcome(Outcome::NoSandbox(sandbox::unavailable(Some(&why.reason)))),
                }
                None
            }
            Target::Proxy => None,
            Target::Server => {
                let url = journey::server_clock_url(&self.server_url)?;
                if matches!(&self.server_clock, Some((asked, journey::ServerClock::Moving)) if *asked == url) {
                    return None;
                }
                self.server_clock = Some((url.clone(), journey::ServerClock::Moving));
                Some(Effect::MoveServerClock { url, body: journey::advance_body() })
            }
        }
    }

    /// Asks for the sandbox module (once: a press while it loads waits with the first), to run
    /// `waiting` when it is there. The sandbox's seed is picked now, on first use.
    fn wait_for_sandbox(&mut self, clock: Clock, waiting: Waiting) -> Option<Effect> {
        if self.sandbox.waiting.is_some() {
            return None;
        }
        let seed = *self.sandbox.seed.get_or_insert(u64::from(u32::from_be_bytes(clock.random)));
        self.sandbox.waiting = Some(waiting);
        if matches!(waiting, Waiting::Send(_)) {
            self.set_outcome(Outcome::Sending);
        }
        Some(Effect::LoadSandbox { seed, document: self.sandbox.document.clone() })
    }

    /// The sandbox module arrived (or not): run what waited for it.
    fn sandbox_loaded(&mut self, loaded: Option<sandbox::Loaded>) -> Option<Effect> {
        let waiting = self.sandbox.waiting.take();
        let Some(sandbox::Loaded(backend)) = loaded else {
            if waiting.is_some() {
                self.set_outcome(Outcome::NoSandbox(sandbox::unavailable(None)));
            }
            return None;
        };
        self.sandbox.backend = Some(backend);
        match waiting? {
            // Only if the user has not moved to another target meanwhile.
            Waiting::Send(clock) if self.target == Target::InBrowser => self.send(clock),
            Waiting::Advance(clock) if self.target == Target::InBrowser => self.advance_clock(clock),
            Waiting::Send(_) => {
                self.set_outcome(Outcome::Nothing);
                None
            }
            Waiting::Advance(_) => None,
        }
    }

    /// Signs anew (this clock) and refuses, answers in the page, or asks for a fetch.
    fn send(&mut self, clock: Clock) -> Option<Effect> {
        if self.in_flight.is_some() || self.sandbox.waiting.is_some() {
            return None;
        }
        if is_stub(self.endpoint) {
            return self.wait_for_operations(Msg::Send(clock));
        }
        let d = self.draft(clock);
        if let Err(errors) = exchange::may_send(&d.report, self.send_anyway) {
            self.set_outcome(Outcome::Refused { errors });
            return None;
        }
        let request = exchange::outgoing(self.endpoint, &d.headers, d.sealed.as_deref().unwrap_or(&d.body));
        self.crypto.sent = d.sealed.map(|_| d.body);
        let Some(base) = self.target.base_url(&self.server_url) else {
            let Some(backend) = self.sandbox.backend.clone() else {
                return self.wait_for_sandbox(clock, Waiting::Send(clock));
            };
            // The in-browser sandbox plays the user's own project: it verifies with the typed secret.
            let encryption = self.crypto.backend.is_some();
            match backend.send(&request, clock.epoch_ms, &self.credentials.secret_key, encryption) {
                Ok((response, offset)) => {
                    self.sandbox.offset_ms = offset;
                    let url = self.endpoint.url(crate::har::IN_BROWSER_BASE);
                    self.finish(Target::InBrowser, url, request, response);
                }
                Err(why) => self.set_outcome(Outcome::NoSandbox(sandbox::unavailable(Some(&why.reason)))),
            }
            return None;
        };
        let flight = Flight { target: self.target, url: self.endpoint.url(base), request };
        self.in_flight = Some(flight.clone());
        self.set_outcome(Outcome::Sending);
        Some(Effect::Fetch(flight))
    }

    /// Records an answered exchange and shows it.
    fn finish(&mut self, target: Target, url: String, request: SandboxRequest, response: SandboxResponse) {
        let sent_at =
            request.headers.iter().find(|(n, _)| n == catalog::TRAN_TIME).map(|(_, v)| v.clone()).unwrap_or_default();
        let plaintext = self.crypto.sent.take();
        let entry = Entry { sent_at, target, url, request, response, plaintext };
        self.set_outcome(Outcome::Shown(Box::new(entry.clone())));
        self.history.push(entry);
    }
}

/// Applies one message. Returns the effect the shell must run, if any. The active profile
/// follows the live target, server URL and credentials.
pub fn update(state: &mut State, msg: Msg) -> Option<Effect> {
    let effect = apply(state, msg);
    state.save_profile();
    effect.or_else(|| state.crypto_wanted())
}

impl State {
    /// Asks for the encryption module once it is needed: an Encrypted operation is picked, or
    /// the shown response may carry encData (its text names it: whether it is an `{"encData"}`
    /// object, the module tells when it shows it).
    pub fn crypto_wanted(&mut self) -> Option<Effect> {
        if self.crypto.module != Module::Absent {
            return None;
        }
        let shown_enc_data = matches!(&self.outcome, Outcome::Shown(e) if e.response.body.contains("encData"));
        if !(self.endpoint.encrypted || shown_enc_data) {
            return None;
        }
        self.crypto.module = Module::Loading;
        Some(Effect::LoadCrypto)
    }

    /// The module arrived (the in-browser sandbox is armed, the body sealed) or could not.
    fn crypto_loaded(&mut self, loaded: Option<Loaded>) {
        let Some(Loaded(backend)) = loaded else {
            self.crypto.module = Module::Failed;
            return;
        };
        self.crypto.module = Module::Ready;
        self.crypto.backend = Some(backend);
    }
}

/// Whether `endpoint` is a stub of the page's first load, waiting for its fields.
fn is_stub(endpoint: &Endpoint) -> bool {
    catalog::deferred::is_stub(endpoint)
}

impl State {
    /// Holds `msg` until the stubbed operations are loaded, asking for them once.
    fn wait_for_operations(&mut self, msg: Msg) -> Option<Effect> {
        self.deferred.waiting = Some(msg);
        if self.deferred.module == Module::Loading {
            return None;
        }
        self.deferred.module = Module::Loading;
        Some(Effect::LoadOperations)
    }

    /// The stubbed operations loaded, or could not be: every stub held becomes its operation
    /// (a body the console filled is filled anew), and the request that waited goes on.
    fn operations_loaded(&mut self, loaded: bool) -> Option<Effect> {
        let waiting = self.deferred.waiting.take();
        if !loaded {
            self.deferred.module = Module::Failed;
            return None;
        }
        self.deferred.module = Module::Ready;
        for e in &mut self.operations {
            if let Some(op) = e.operation.filter(|_| is_stub(e)) {
                *e = op.endpoint();
            }
        }
        if let Some(op) = self.endpoint.operation.filter(|_| is_stub(self.endpoint)) {
            self.endpoint = op.endpoint();
            if self.body == self.auto_body {
                self.fill_body(self.starter_body(self.endpoint, Clock { epoch_ms: 0, random: [0; 4] }));
            }
        }
        waiting.and_then(|msg| apply(self, msg))
    }

    /// Asks for the stubbed operations when the console starts on one (`operation=` or a
    /// permalink naming it).
    pub fn operations_wanted(&mut self) -> Option<Effect> {
        if !is_stub(self.endpoint) || self.deferred.module != Module::Absent {
            return None;
        }
        self.deferred.module = Module::Loading;
        Some(Effect::LoadOperations)
    }

    /// What the picker says while the stubbed operations load or after they could not.
    pub fn operations_note(&self) -> Option<Text> {
        match self.deferred.module {
            Module::Loading => Some(crate::text::OPERATIONS_LOADING),
            Module::Failed => Some(crate::text::OPERATIONS_FAILED),
            _ => None,
        }
    }
}

/// Applies an edit of the request being written (the language, the theme, credentials, the body,
/// headers, where it goes, a panel opened); anything else goes to [`act`].
fn apply(state: &mut State, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Language(lang) => state.lang = lang,
        Msg::ToggleTheme { system_dark } => state.dark = Some(!state.dark.unwrap_or(system_dark)),
        Msg::AspId(v) => state.credentials.asp_id = v,
        Msg::AccessKey(v) => state.credentials.access_key = v,
        Msg::Secret(v) => state.credentials.secret_key = v,
        Msg::ClearCredentials => {
            state.credentials.asp_id.clear();
            state.credentials.access_key.clear();
            state.credentials.secret_key.clear();
            if let Some(backend) = &state.crypto.backend {
                backend.ask("clear", "", "");
            }
        }
        Msg::Tab(tab) => {
            state.tab = tab;
            state.typing = None;
        }
        Msg::Body(body) => {
            state.body = body;
            state.typing = None;
        }
        Msg::Field { path, edit } => {
            if let Ok(body) = crate::form::edit(state.endpoint.request, &state.body, &path, &edit) {
                state.body = body;
            }
            state.typing = match edit {
                crate::form::Edit::Text(text) => Some((path, text)),
                _ => None,
            };
        }
        Msg::Zone(zone) => state.zone = zone,
        Msg::Override { name, value } => {
            if let Some(slot) = state.overrides.iter_mut().find(|(n, _)| *n == name) {
                slot.1 = value;
            }
        }
        Msg::Target(target) => state.target = target,
        Msg::ServerUrl(url) => state.server_url = url,
        Msg::SendAnyway(on) => state.send_anyway = on,
        Msg::SnippetLanguage(language) => state.snippet_language = language,
        Msg::Panel(panel, open) => {
            state.open.retain(|p| *p != panel);
            if open {
                state.open.push(panel);
            }
        }
        msg @ (Msg::Endpoint(..)
        | Msg::Scenario(..)
        | Msg::Send(_)
        | Msg::Answered(_)
        | Msg::Failed(_)
        | Msg::ShowHistory(_)
        | Msg::Crypto
        | Msg::CryptoLoaded(_)
        | Msg::FollowLink(..)
        | Msg::Fixture(_)
        | Msg::JourneyStep(..)
        | Msg::TestCase(_)
        | Msg::AdvanceClock(_)
        | Msg::ServerClockAnswered { .. }
        | Msg::PrepareInquiry
        | Msg::DiagnoseText(_)
        | Msg::Diagnose(_)
        | Msg::SandboxLoaded(_)
        | Msg::OperationsLoaded(_)
        | Msg::DiagnoseLoaded(_)
        | Msg::Profile(_)
        | Msg::Variables(_)
        | Msg::KeepForTab(_)
        | Msg::ImportProfiles(_)
        | Msg::ExportProfiles
        | Msg::ExportHar) => return act(state, msg),
    }
    None
}

/// What the other messages do: a pick, a send and its answer, the journey, Diagnose, profiles,
/// exports. Apart from [`apply`] (never inlined into it) because the page's first load carries
/// only what first paint and writing a request run (scripts/split-console.mjs), and none of
/// this runs before a first action.
#[inline(never)]
fn act(state: &mut State, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Endpoint(endpoint, clock) => {
            // A stub picked before the operations loaded is its operation once they are.
            let endpoint = endpoint.operation.filter(|_| is_stub(endpoint)).map_or(endpoint, OperationId::endpoint);
            if is_stub(endpoint) {
                return state.wait_for_operations(msg);
            }
            state.set_endpoint(endpoint, None, clock);
        }
        Msg::Scenario(scenario, clock) => {
            state.send_anyway = scenario.negative_test();
            let body = exchange::scenario_body(scenario, clock.epoch_ms, clock.random);
            state.set_endpoint(&catalog::CHARGE_ENDPOINT, Some(body), clock);
        }
        Msg::Send(clock) => return state.send(clock),
        Msg::Answered(response) => {
            if let Some(flight) = state.in_flight.take() {
                state.finish(flight.target, flight.url, flight.request, response);
            }
        }
        Msg::Failed(failure) => {
            if let Some(flight) = state.in_flight.take() {
                state.set_outcome(Outcome::Failed { target: flight.target, url: flight.url, failure });
            }
        }
        Msg::ShowHistory(index) => {
            if let Some(entry) = state.history.get(index) {
                let shown = Outcome::Shown(Box::new(entry.clone()));
                state.set_outcome(shown);
            }
        }
        Msg::Crypto => {}
        Msg::CryptoLoaded(loaded) => state.crypto_loaded(loaded),
        Msg::FollowLink(index, clock) => {
            let Outcome::Shown(entry) = &state.outcome else { return None };
            let today = clock.epoch_ms + state.clock_offset_ms();
            let next = journey::links(entry, today).into_iter().nth(index)?;
            if is_stub(next.operation) {
                return state.wait_for_operations(msg);
            }
            let target = catalog::find(&state.operations, next.operation.id)?;
            let saved = state.drafts.iter().find(|(id, _)| *id == target.id).map(|(_, body)| body.clone());
            let base = saved.unwrap_or_else(|| state.starter_body(target, clock));
            let body = journey::follow_body(&next, &base, clock.epoch_ms, clock.random);
            state.set_endpoint(target, Some(body), clock);
        }
        Msg::Fixture(index) => {
            if let Some(fixture) = journey::fixture_list().get(index) {
                let fill = fixture.fill(state.endpoint);
                if !fill.is_empty() {
                    let body = konaplate_core::chain::apply(&fill, &state.body);
                    state.fill_body(body);
                }
            }
        }
        Msg::JourneyStep(index, clock) => {
            if journey::STEPS.get(index).is_some_and(|op| is_stub(op.endpoint())) {
                return state.wait_for_operations(msg);
            }
            let found = journey::STEPS.get(index).and_then(|op| catalog::find(&state.operations, op.endpoint().id));
            if let Some(endpoint) = found {
                let saved = state.drafts.iter().find(|(id, _)| *id == endpoint.id).map(|(_, body)| body.clone());
                state.set_endpoint(endpoint, saved, clock);
            }
        }
        Msg::TestCase(index) => {
            if let Some(case) = journey::test_cases(state.endpoint).get(index) {
                state.send_anyway = case.negative_test();
                state.fill_body(case.body.to_string());
            }
        }
        Msg::AdvanceClock(clock) => return state.advance_clock(clock),
        Msg::ServerClockAnswered { url, answer } => {
            // Only the answer to the last ask counts (the URL may have changed meanwhile).
            if matches!(&state.server_clock, Some((asked, journey::ServerClock::Moving)) if *asked == url) {
                let clock = match answer {
                    Ok((status, body)) => journey::read_clock_answer(status, &body),
                    Err(failure) => journey::ServerClock::Unreachable(failure),
                };
                state.server_clock = Some((url, clock));
            }
        }
        Msg::PrepareInquiry => {
            if let Some(sequence_id) = state.pending() {
                let body = exchange::result_inquiry_body(&sequence_id);
                state.set_endpoint(
                    &catalog::RESULT_INQUIRY_ENDPOINT,
                    Some(body),
                    Clock { epoch_ms: 0, random: [0; 4] },
                );
            }
        }
        Msg::DiagnoseText(text) => return state.doctor.typed(text).then_some(Effect::LoadDiagnose),
        Msg::Diagnose(clock) => {
            return state.doctor.press(&state.credentials.secret_key, clock.epoch_ms).then_some(Effect::LoadDiagnose)
        }
        Msg::SandboxLoaded(loaded) => return state.sandbox_loaded(loaded),
        Msg::OperationsLoaded(loaded) => return state.operations_loaded(loaded),
        Msg::DiagnoseLoaded(loaded) => state.doctor.loaded(loaded, &state.credentials.secret_key),
        Msg::Profile(name) => {
            state.save_profile();
            let live = Live {
                target: &mut state.target,
                server_url: &mut state.server_url,
                credentials: &mut state.credentials,
            };
            state.environments.switch(&name, live);
        }
        Msg::Variables(text) => state.environments.set_variables(text),
        Msg::KeepForTab(on) => state.environments.keep_for_tab = on,
        Msg::ImportProfiles(text) => state.environments.import(&text),
        Msg::ExportProfiles => {
            state.save_profile();
            let text = state.environments.export();
            return Some(Effect::Download { name: environments::FILE_NAME, mime: "application/json", text });
        }
        Msg::ExportHar => {
            let keys = [state.credentials.secret_key.as_str(), state.credentials.access_key.as_str()];
            let mut all: Vec<&str> = keys.to_vec();
            for p in &state.environments.profiles {
                all.extend([p.credentials.secret_key.as_str(), p.credentials.access_key.as_str()]);
            }
            let text = crate::har::har(state.history.entries(), &state.origin, &all);
            return Some(Effect::Download { name: crate::har::FILE_NAME, mime: "application/json", text });
        }
        // Edits of the request being written: `apply`'s.
        _ => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::native::update;
    use catalog::{sandbox, CHARGE_ENDPOINT, RESULT_INQUIRY_ENDPOINT, SCENARIOS};

    const CLOCK: Clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };
    const SECRET: &str = "typed-secret";

    fn fresh() -> State {
        State::new(&Start::default(), None, CLOCK)
    }

    fn with_secret() -> State {
        let mut s = fresh();
        update(&mut s, Msg::Secret(SECRET.into()));
        s
    }

    /// The message of text typed into the form field `name`.
    fn field(name: &str, text: impl Into<String>) -> Msg {
        Msg::Field { path: format!("/{name}"), edit: crate::form::Edit::Text(text.into()) }
    }

    fn shown(s: &State) -> &Entry {
        match &s.outcome {
            Outcome::Shown(entry) => entry,
            other => panic!("expected an exchange, got {other:?}"),
        }
    }

    /// The page's first load (the `deferred-operations` feature; stage `10-native` runs this test
    /// alone with it, since it installs the operations for the whole process): a stub picked
    /// waits for the operations; a failed load says so and the next pick asks again; once loaded,
    /// the stub opens as its operation with its starter body.
    #[cfg(feature = "deferred-operations")]
    #[test]
    fn stubbed_operations_wait_for_their_load() {
        let stub = OperationId::Payment.endpoint();
        assert!(is_stub(stub), "the first load has the payment as a stub");
        let mut s = fresh();
        assert!(matches!(super::update(&mut s, Msg::Endpoint(stub, CLOCK)), Some(Effect::LoadOperations)));
        assert_eq!((s.endpoint.id, s.operations_note()), ("charge", Some(crate::text::OPERATIONS_LOADING)));
        super::update(&mut s, Msg::OperationsLoaded(false));
        assert_eq!((s.endpoint.id, s.operations_note()), ("charge", Some(crate::text::OPERATIONS_FAILED)));

        assert!(matches!(super::update(&mut s, Msg::Endpoint(stub, CLOCK)), Some(Effect::LoadOperations)));
        // Asked again meanwhile: nothing more is loaded; the last request waits.
        assert!(super::update(&mut s, Msg::Endpoint(stub, CLOCK)).is_none());
        assert!(catalog::deferred::install(include_str!("../../../www/konaplate-operations.txt")));
        super::update(&mut s, Msg::OperationsLoaded(true));
        assert_eq!(s.endpoint.id, "payment");
        assert!(!is_stub(s.endpoint) && !s.endpoint.request.is_empty());
        assert!(s.body.contains("oneTimeToken"), "the payment's starter body: {}", s.body);
        assert_eq!(s.operations_note(), None);
        assert!(s.operations.iter().all(|e| !is_stub(e)), "the picker's operations are whole");
    }

    #[test]
    fn the_first_state_is_the_success_preset_in_english_to_the_in_browser_sandbox() {
        let s = fresh();
        assert_eq!((s.lang, s.endpoint.id, s.target, s.tab), (Lang::En, "charge", Target::InBrowser, Tab::Form));
        assert_eq!(s.body, s.auto_body);
        assert!(s.body.contains("SEQ-1767225600000-01020304"), "{}", s.body);
        assert_eq!(s.outcome, Outcome::Nothing);
        assert_eq!(s.credentials.access_key, sandbox::ACCESS_KEY);
        assert!(s.credentials.secret_key.is_empty());
    }

    #[test]
    fn host_options_and_a_permalink_choose_the_first_state() {
        let start = Start {
            operations: Vec::new(),
            endpoint: Some("cancel".into()),
            language: Some("ko".into()),
            target: Some("server".into()),
            server_url: Some("http://h/open-api".into()),
            permalink: true,
            origin: String::new(),
            session_profiles: None,
            document: None,
        };
        let s = State::new(&start, None, CLOCK);
        assert_eq!(
            (s.lang, s.endpoint.id, s.target, s.server_url.as_str()),
            (Lang::Ko, "cancel", Target::Server, "http://h/open-api")
        );
        let link = Permalink {
            endpoint: "result-inquiry".into(),
            zone: "UTC".into(),
            body: "{}".into(),
            headers: vec![("x-km-tran-time".into(), "1".into())],
            profile: None,
        };
        let s = State::new(&start, Some(link.clone()), CLOCK);
        assert_eq!((s.endpoint.id, s.zone, s.body.as_str()), ("result-inquiry", TimeZone::Utc, "{}"));
        assert!(s.overrides.contains(&(catalog::TRAN_TIME, "1".into())));
        let ignored = State::new(&Start { permalink: false, ..start }, Some(link), CLOCK);
        assert_eq!(ignored.endpoint.id, "cancel", "a fragment is read only when the permalink is on");
        let odd = Start { language: Some("fr".into()), target: Some("Proxy".into()), ..Start::default() };
        let s = State::new(&odd, None, CLOCK);
        assert_eq!((s.lang, s.target), (Lang::En, Target::InBrowser));
    }

    #[test]
    fn language_changes_only_the_language() {
        let mut s = with_secret();
        update(&mut s, Msg::Send(CLOCK));
        let before = (s.body.clone(), s.outcome.clone());
        update(&mut s, Msg::Language(Lang::Ko));
        assert_eq!(s.lang, Lang::Ko);
        assert_eq!((s.body.clone(), s.outcome.clone()), before, "the exchange stays shown");
    }

    #[test]
    fn the_theme_flips_from_what_is_shown() {
        let mut s = fresh();
        update(&mut s, Msg::ToggleTheme { system_dark: true });
        assert_eq!(s.dark, Some(false));
        update(&mut s, Msg::ToggleTheme { system_dark: true });
        assert_eq!(s.dark, Some(true));
    }

    #[test]
    fn a_new_endpoint_replaces_only_a_body_the_console_wrote() {
        let mut s = fresh();
        update(&mut s, Msg::Endpoint(&RESULT_INQUIRY_ENDPOINT, CLOCK));
        assert_eq!(s.endpoint.id, "result-inquiry");
        assert!(s.body.contains("sequenceId") && !s.body.contains("amount"), "{}", s.body);
        update(&mut s, Msg::Body(r#"{"sequenceId":"mine"}"#.into()));
        update(&mut s, Msg::Endpoint(&catalog::CANCEL_ENDPOINT, CLOCK));
        assert_eq!(s.body, r#"{"sequenceId":"mine"}"#, "typed text is kept");
    }

    #[test]
    fn a_scenario_fills_the_charge_and_ticks_send_anyway_for_negative_tests() {
        let mut s = fresh();
        update(&mut s, Msg::Endpoint(&catalog::CANCEL_ENDPOINT, CLOCK));
        let negative = SCENARIOS.iter().find(|x| x.negative_test()).unwrap();
        update(&mut s, Msg::Scenario(negative, CLOCK));
        assert_eq!(s.endpoint.id, "charge");
        assert!(s.send_anyway);
        update(&mut s, Msg::Scenario(&SCENARIOS[0], CLOCK));
        assert!(!s.send_anyway);
        assert_eq!(s.body, exchange::scenario_body(&SCENARIOS[0], CLOCK.epoch_ms, CLOCK.random));
    }

    #[test]
    fn credentials_are_typed_and_cleared() {
        let mut s = fresh();
        update(&mut s, Msg::AspId("asp".into()));
        update(&mut s, Msg::AccessKey("key".into()));
        update(&mut s, Msg::Secret("secret".into()));
        assert_eq!(
            (s.credentials.asp_id.as_str(), s.credentials.access_key.as_str(), s.credentials.secret_key.as_str()),
            ("asp", "key", "secret")
        );
        update(&mut s, Msg::ClearCredentials);
        assert!(s.credentials.asp_id.is_empty() && s.credentials.access_key.is_empty());
        assert!(s.credentials.secret_key.is_empty());
    }

    #[test]
    fn a_form_field_rewrites_the_body_and_keeps_its_typed_text_until_the_raw_body_changes() {
        let mut s = fresh();
        update(&mut s, field("amount", " 5"));
        assert!(s.body.contains(r#""amount":5"#), "{}", s.body);
        assert_eq!(s.typing, Some(("/amount".into(), " 5".into())));
        update(&mut s, Msg::Tab(Tab::Raw));
        assert_eq!((s.tab, s.typing.clone()), (Tab::Raw, None));
        update(&mut s, field("amount", "1"));
        update(&mut s, Msg::Body("{".into()));
        assert_eq!((s.body.as_str(), s.typing.clone()), ("{", None));
        update(&mut s, field("amount", "2"));
        assert_eq!(s.body, "{", "a body the form cannot rewrite is left alone");
    }

    #[test]
    fn the_form_edits_a_loaded_operations_nested_body_and_validation_follows() {
        use crate::form::Edit;
        let op = crate::form::tests::foreign();
        let mut s = State::new(&Start { operations: vec![op], ..Start::default() }, None, CLOCK);
        assert_eq!(s.endpoint.id, "createOrder");
        let errors = |s: &State| {
            s.draft(CLOCK)
                .report
                .violations
                .iter()
                .filter(|v| v.severity == konaplate_core::Severity::Error)
                .map(|v| v.location.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(errors(&s), Vec::<String>::new(), "the starter body is valid: {}", s.body);
        let edit = |path: &str, edit: Edit| Msg::Field { path: path.into(), edit };
        update(&mut s, edit("/items", Edit::Add));
        assert_eq!(s.typing, None);
        assert!(errors(&s).contains(&"$.items[1].sku".to_string()), "{:?}", errors(&s));
        update(&mut s, edit("/items/1/sku", Edit::Text("SKU-2".into())));
        update(&mut s, edit("/items/1/quantity", Edit::Text("3".into())));
        assert_eq!(s.typing, Some(("/items/1/quantity".into(), "3".into())));
        assert_eq!(errors(&s), Vec::<String>::new(), "{}", s.body);
        update(&mut s, edit("/buyer/address/zip", Edit::Text("123".into())));
        assert_eq!(errors(&s), ["$.buyer.address.zip"]);
        update(&mut s, edit("/items/0", Edit::Remove));
        assert!(s.body.contains(r#""items":[{"sku":"SKU-2","quantity":3}]"#), "{}", s.body);
        update(&mut s, edit("/gift", Edit::Null(true)));
        assert!(s.body.ends_with(r#""gift":null}"#), "{}", s.body);
    }

    #[test]
    fn zone_overrides_target_server_url_send_anyway_and_snippet_language_are_stored() {
        let mut s = fresh();
        update(&mut s, Msg::Zone(TimeZone::Utc));
        update(&mut s, Msg::Override { name: catalog::TRAN_TIME, value: "20231340256199".into() });
        update(&mut s, Msg::Override { name: "X-Not-A-Header", value: "x".into() });
        update(&mut s, Msg::Target(Target::Proxy));
        update(&mut s, Msg::ServerUrl("http://elsewhere".into()));
        update(&mut s, Msg::SendAnyway(true));
        update(&mut s, Msg::SnippetLanguage(Language::Python));
        update(&mut s, Msg::Panel(Panel::Snippets, true));
        update(&mut s, Msg::Panel(Panel::Fixtures, true));
        update(&mut s, Msg::Panel(Panel::Fixtures, false));
        update(&mut s, Msg::Panel(Panel::Snippets, true));
        assert_eq!(s.open, [Panel::Snippets]);
        assert_eq!(s.zone, TimeZone::Utc);
        assert!(s.overrides.contains(&(catalog::TRAN_TIME, "20231340256199".into())));
        assert_eq!(s.overrides.len(), OVERRIDABLE.len());
        assert_eq!((s.target, s.server_url.as_str(), s.send_anyway), (Target::Proxy, "http://elsewhere", true));
        assert_eq!(s.snippet_language, Language::Python);
        let d = s.draft(CLOCK);
        assert!(d.overridden.contains(&catalog::TRAN_TIME));
        assert_eq!(s.link().headers, vec![(catalog::TRAN_TIME.to_string(), "20231340256199".to_string())]);
    }

    #[test]
    fn send_in_the_page_answers_at_once_and_records_the_history() {
        let mut s = with_secret();
        assert_eq!(update(&mut s, Msg::Send(CLOCK)), None);
        let entry = shown(&s);
        assert_eq!(
            (entry.target, entry.response.status, entry.response.code.as_str()),
            (Target::InBrowser, 200, "000_000")
        );
        assert_eq!(s.history.entries().len(), 1);
    }

    #[test]
    fn the_first_in_browser_send_loads_the_sandbox_module_and_a_failed_load_is_explained_then_retried() {
        use crate::sandbox::native;
        let mut s = with_secret();
        let Some(Effect::LoadSandbox { seed, document }) = super::update(&mut s, Msg::Send(CLOCK)) else {
            panic!("no load")
        };
        assert_eq!((seed, document), (u64::from(u32::from_be_bytes(CLOCK.random)), None));
        assert_eq!(s.outcome, Outcome::Sending);
        assert_eq!(super::update(&mut s, Msg::Send(CLOCK)), None, "a press while it loads waits with the first");
        assert_eq!(super::update(&mut s, Msg::AdvanceClock(CLOCK)), None);
        super::update(&mut s, Msg::SandboxLoaded(None));
        let Outcome::NoSandbox(why) = &s.outcome else { panic!("{:?}", s.outcome) };
        assert!(why.en.contains("could not be loaded") && why.ko.contains("불러오지 못했습니다"), "{why:?}");
        assert!(s.history.entries().is_empty());
        // The next Send asks again, with the same seed; this time the module is there.
        let Some(Effect::LoadSandbox { seed: again, .. }) = super::update(&mut s, Msg::Send(CLOCK)) else {
            panic!("no retry")
        };
        assert_eq!(again, seed);
        let loaded = native::loaded(seed, &s.operations);
        assert_eq!(super::update(&mut s, Msg::SandboxLoaded(Some(loaded))), None);
        assert_eq!((shown(&s).target, shown(&s).response.code.as_str()), (Target::InBrowser, "000_000"));
        // Loaded: later sends answer at once.
        assert_eq!(super::update(&mut s, Msg::Send(CLOCK)), None);
        assert_eq!(s.history.entries().len(), 2);
    }

    #[test]
    fn plus_five_minutes_on_the_in_browser_sandbox_loads_it_first_and_a_document_goes_to_the_module() {
        use crate::sandbox::native;
        let start = Start { document: Some("{\"openapi\":\"3.1.0\"}".into()), ..Start::default() };
        let mut s = State::new(&start, None, CLOCK);
        let Some(Effect::LoadSandbox { seed, document }) = super::update(&mut s, Msg::AdvanceClock(CLOCK)) else {
            panic!("no load")
        };
        assert_eq!(document.as_deref(), Some("{\"openapi\":\"3.1.0\"}"));
        assert_eq!(s.outcome, Outcome::Nothing, "+5 min does not touch the response area");
        let loaded = native::loaded(seed, &s.operations);
        super::update(&mut s, Msg::SandboxLoaded(Some(loaded)));
        assert_eq!(s.clock_view(), journey::ClockView::InBrowser(journey::ADVANCE_MS));
        super::update(&mut s, Msg::AdvanceClock(CLOCK));
        assert_eq!(s.clock_offset_ms(), 2 * journey::ADVANCE_MS);
    }

    #[test]
    fn a_send_that_waited_for_the_module_is_dropped_when_the_target_changed_meanwhile() {
        let mut s = with_secret();
        let Some(Effect::LoadSandbox { seed, .. }) = super::update(&mut s, Msg::Send(CLOCK)) else { panic!() };
        update(&mut s, Msg::Target(Target::Server));
        let loaded = crate::sandbox::native::loaded(seed, &s.operations);
        super::update(&mut s, Msg::SandboxLoaded(Some(loaded)));
        assert_eq!((&s.outcome, s.in_flight.is_none()), (&Outcome::Nothing, true));
    }

    #[test]
    fn send_with_errors_is_refused_unless_send_anyway() {
        let mut s = with_secret();
        update(&mut s, field("amount", "0"));
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(s.outcome, Outcome::Refused { errors: 1 });
        update(&mut s, Msg::SendAnyway(true));
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(shown(&s).response.status, 400);
    }

    #[test]
    fn send_to_a_server_asks_for_a_fetch_and_waits_for_the_answer() {
        let mut s = with_secret();
        update(&mut s, Msg::Target(Target::Server));
        let Some(Effect::Fetch(flight)) = update(&mut s, Msg::Send(CLOCK)) else { panic!("no fetch") };
        assert_eq!(flight.url, format!("{LOCAL_SANDBOX_URL}{}", CHARGE_ENDPOINT.path));
        assert_eq!(s.outcome, Outcome::Sending);
        assert_eq!(update(&mut s, Msg::Send(CLOCK)), None, "one request in flight at a time");
        let response = SandboxResponse { status: 200, code: "000_000".into(), headers: vec![], body: "{}".into() };
        update(&mut s, Msg::Answered(response.clone()));
        assert!(s.in_flight.is_none());
        assert_eq!((shown(&s).target, &shown(&s).response), (Target::Server, &response));
        update(&mut s, Msg::Answered(response));
        assert_eq!(s.history.entries().len(), 1, "an answer with nothing in flight is ignored");
    }

    #[test]
    fn a_failed_fetch_is_kept_with_its_target_and_url_for_the_explanation() {
        let mut s = with_secret();
        update(&mut s, Msg::Target(Target::Proxy));
        update(&mut s, Msg::Send(CLOCK));
        let failure = Failure { offline: false, timed_out: true, server_answered_probe: false };
        update(&mut s, Msg::Failed(failure));
        let url = format!("{}{}", exchange::PROXY_PATH, CHARGE_ENDPOINT.path);
        assert_eq!(s.outcome, Outcome::Failed { target: Target::Proxy, url, failure });
        assert!(s.in_flight.is_none() && s.history.entries().is_empty());
    }

    #[test]
    fn a_history_entry_is_shown_again() {
        let mut s = with_secret();
        update(&mut s, Msg::Send(CLOCK));
        update(&mut s, field("amount", "0"));
        update(&mut s, Msg::SendAnyway(true));
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(shown(&s).response.status, 400);
        update(&mut s, Msg::ShowHistory(1));
        assert_eq!(shown(&s).response.status, 200);
        update(&mut s, Msg::ShowHistory(99));
        assert_eq!(shown(&s).response.status, 200, "a missing entry changes nothing");
    }

    #[test]
    fn a_pending_charge_prepares_its_result_inquiry() {
        let mut s = with_secret();
        update(&mut s, Msg::PrepareInquiry);
        assert_eq!(s.endpoint.id, "charge", "nothing pending: nothing to prepare");
        update(&mut s, field("userId", sandbox::PENDING_COMPLETES_MEMBER_ID));
        update(&mut s, field("sequenceId", "SEQ-PENDING-9"));
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(s.pending().as_deref(), Some("SEQ-PENDING-9"));
        update(&mut s, Msg::PrepareInquiry);
        assert_eq!(s.endpoint.id, "result-inquiry");
        assert_eq!(s.body, r#"{"sequenceId":"SEQ-PENDING-9"}"#);
    }

    #[test]
    fn a_profile_switch_changes_target_url_and_credentials_in_one_message_and_keeps_each_secret() {
        let mut s = with_secret();
        update(&mut s, Msg::Profile("local server".into()));
        assert_eq!((s.target, s.server_url.as_str()), (Target::Server, LOCAL_SANDBOX_URL));
        assert!(s.credentials.secret_key.is_empty(), "each profile has its own secret");
        update(&mut s, Msg::Secret("local-secret".into()));
        update(&mut s, Msg::Profile("KONA sandbox".into()));
        assert_eq!((s.server_url.as_str(), s.credentials.asp_id.as_str()), (environments::PROXY_URL, ""));
        update(&mut s, Msg::Profile("in-browser sandbox".into()));
        assert_eq!((s.target, s.credentials.secret_key.as_str()), (Target::InBrowser, SECRET));
        update(&mut s, Msg::Profile("local server".into()));
        assert_eq!(s.credentials.secret_key, "local-secret");
        assert_eq!(s.link().profile.as_deref(), Some("local server"));
        let fragment = s.link().fragment();
        let decoded = format!("{:?}", Permalink::parse(&fragment).unwrap());
        assert!(!decoded.contains("local-secret") && !decoded.contains(LOCAL_SANDBOX_URL), "{decoded}");
        let start = Start { permalink: true, ..Start::default() };
        let opened = State::new(&start, Permalink::parse(&fragment), CLOCK);
        assert_eq!((opened.environments.active().name.as_str(), opened.target), ("local server", Target::Server));
        assert!(opened.credentials.secret_key.is_empty(), "a link never brings a secret");
    }

    #[test]
    fn variables_are_resolved_before_signing_and_sent_resolved() {
        let mut s = with_secret();
        update(&mut s, field("merchantId", "{{merchantId}}"));
        update(&mut s, Msg::Variables("merchantId=987654321098765".into()));
        assert!(s.body.contains("{{merchantId}}"), "the body keeps the placeholder");
        let d = s.draft(CLOCK);
        assert!(d.body.contains(r#""merchantId":"987654321098765""#), "{}", d.body);
        assert_eq!(d.report.error_count, 0, "{:?}", d.report.violations);
        assert!(s.unknown_variables().is_empty());
        update(&mut s, Msg::Send(CLOCK));
        assert!(shown(&s).request.body.contains("987654321098765"));
        update(&mut s, Msg::Override { name: catalog::CORRELATION_ID, value: "{{nope}}".into() });
        assert_eq!(s.unknown_variables(), vec!["nope".to_string()]);
    }

    #[test]
    fn a_host_target_picks_the_first_profile_with_it_and_the_tab_keeps_its_profiles() {
        let start =
            Start { target: Some("server".into()), server_url: Some("http://h/open-api".into()), ..Start::default() };
        let s = State::new(&start, None, CLOCK);
        assert_eq!(
            (s.environments.active().name.as_str(), s.server_url.as_str()),
            ("local server", "http://h/open-api")
        );
        let mut kept = with_secret();
        update(&mut kept, Msg::KeepForTab(true));
        update(&mut kept, Msg::Profile("production".into()));
        let text = kept.environments.session_text();
        assert!(text.contains(SECRET));
        let restored = State::new(&Start { session_profiles: Some(text), ..Start::default() }, None, CLOCK);
        assert_eq!(restored.environments.active().name, "production");
        assert!(restored.environments.keep_for_tab);
        assert_eq!(restored.environments.profiles[0].credentials.secret_key, SECRET);
    }

    #[test]
    fn exports_are_downloads_without_a_secret() {
        let mut s = with_secret();
        update(&mut s, Msg::Send(CLOCK));
        let Some(Effect::Download { name, text, .. }) = update(&mut s, Msg::ExportHar) else { panic!("no download") };
        assert_eq!(name, crate::har::FILE_NAME);
        assert!(!text.contains(SECRET) && !text.contains(sandbox::ACCESS_KEY) && text.contains("KMV1:"), "{text}");
        let Some(Effect::Download { name, text, .. }) = update(&mut s, Msg::ExportProfiles) else {
            panic!("no download")
        };
        assert_eq!(name, environments::FILE_NAME);
        assert!(!text.contains(SECRET) && !text.contains(sandbox::ACCESS_KEY), "{text}");
        update(&mut s, Msg::ImportProfiles("{".into()));
        assert!(s.environments.notice.as_ref().unwrap().en.starts_with("Not imported"));
    }

    #[test]
    fn the_diagnose_panel_uses_the_typed_secret() {
        let mut s = with_secret();
        let d = s.draft(CLOCK);
        let mut curl = format!("curl '{}' -H 'Content-Type: application/json'", s.endpoint.url(LOCAL_SANDBOX_URL));
        for (n, v) in &d.headers {
            curl.push_str(&format!(" -H '{n}: {v}'"));
        }
        curl.push_str(&format!(" --data-raw '{}'", d.body));
        assert_eq!(update(&mut s, Msg::DiagnoseText(curl)), Some(Effect::LoadDiagnose));
        assert_eq!(update(&mut s, Msg::Diagnose(CLOCK)), None, "already loading: the press waits");
        update(&mut s, Msg::DiagnoseLoaded(crate::doctor::native::loaded()));
        let exit = |s: &State| s.doctor.result.as_ref().and_then(|r| r.as_ref().ok()).map(|a| a.exit);
        assert_eq!(exit(&s), Some(0), "{:?}", s.doctor.result);
        update(&mut s, Msg::Secret("another".into()));
        update(&mut s, Msg::Diagnose(CLOCK));
        assert_eq!(exit(&s), Some(1));
    }

    #[test]
    fn plus_five_minutes_moves_the_target_servers_clock_and_shows_its_answer() {
        use journey::{ClockView, ServerClock};
        let mut s = with_secret();
        update(&mut s, Msg::Profile("local server".into()));
        let url = "http://127.0.0.1:8787/sandbox/clock".to_string();
        assert_eq!(s.clock_view(), ClockView::Server { url: url.clone(), clock: None });
        let Some(Effect::MoveServerClock { url: asked, body }) = update(&mut s, Msg::AdvanceClock(CLOCK)) else {
            panic!("no clock request")
        };
        assert_eq!((asked.as_str(), body.as_str()), (url.as_str(), r#"{"advanceMs":300000}"#));
        assert!(s.sandbox.seed.is_none(), "the in-browser sandbox is neither made nor moved");
        assert_eq!(s.clock_view(), ClockView::Server { url: url.clone(), clock: Some(&ServerClock::Moving) });
        assert_eq!(update(&mut s, Msg::AdvanceClock(CLOCK)), None, "one ask at a time");
        // An answer for a clock not asked (another URL) changes nothing.
        let answer = |status, body: &str| Ok((status, body.to_string()));
        let stray = Msg::ServerClockAnswered { url: "http://other/sandbox/clock".into(), answer: answer(200, "{}") };
        update(&mut s, stray);
        assert_eq!(s.clock_view(), ClockView::Server { url: url.clone(), clock: Some(&ServerClock::Moving) });
        let serve = r#"{"offsetMs":300000,"nowMs":1767225900000,"nowKst":"20260101090500"}"#;
        update(&mut s, Msg::ServerClockAnswered { url: url.clone(), answer: answer(200, serve) });
        assert_eq!(s.clock_offset_ms(), journey::ADVANCE_MS);
        assert!(journey::clock_text(s.clock_view(), Lang::En, "").starts_with("Sandbox clock: +5 min (server "));
        // Pressed again: the server's second answer is shown.
        assert!(update(&mut s, Msg::AdvanceClock(CLOCK)).is_some());
        update(
            &mut s,
            Msg::ServerClockAnswered { url: url.clone(), answer: answer(200, &serve.replace("300000", "600000")) },
        );
        assert_eq!(s.clock_offset_ms(), 2 * journey::ADVANCE_MS);
        // Another server URL: its clock has not been asked; the in-browser target has its own.
        update(&mut s, Msg::ServerUrl("http://127.0.0.1:9/open-api".into()));
        assert_eq!(s.clock_view(), ClockView::Server { url: "http://127.0.0.1:9/sandbox/clock".into(), clock: None });
        assert_eq!(s.clock_offset_ms(), 0);
        update(&mut s, Msg::Target(Target::InBrowser));
        assert_eq!(s.clock_view(), ClockView::InBrowser(0));
    }

    #[test]
    fn plus_five_minutes_on_the_live_api_or_an_unreachable_server_says_why_nothing_moved() {
        use journey::{clock_text, ClockView, ServerClock};
        let mut s = with_secret();
        // KONA PLATE's sandbox through the page's proxy: nothing is asked, the line says why.
        update(&mut s, Msg::Target(Target::Proxy));
        assert_eq!(update(&mut s, Msg::AdvanceClock(CLOCK)), None);
        assert_eq!((s.clock_view(), s.sandbox.seed.is_none()), (ClockView::NotASandbox, true));
        assert!(clock_text(s.clock_view(), Lang::En, "").contains("works only on a konaplate sandbox"));
        // The live API behind a server URL: it is asked, and its answer is not a sandbox clock.
        update(&mut s, Msg::Profile("KONA sandbox".into()));
        let Some(Effect::MoveServerClock { url, .. }) = update(&mut s, Msg::AdvanceClock(CLOCK)) else { panic!() };
        assert_eq!(url, "http://127.0.0.1:8788/sandbox/clock");
        let envelope = r#"{"response":{"code":"000_002","description":"Not found"}}"#.to_string();
        update(&mut s, Msg::ServerClockAnswered { url: url.clone(), answer: Ok((404, envelope)) });
        assert_eq!(
            s.clock_view(),
            ClockView::Server { url: url.clone(), clock: Some(&ServerClock::NotASandbox { status: 404 }) }
        );
        assert!(clock_text(s.clock_view(), Lang::Ko, "").contains("konaplate 샌드박스의 시계가 아닙니다"));
        assert_eq!(s.clock_offset_ms(), 0);
        // Nothing listening.
        update(&mut s, Msg::AdvanceClock(CLOCK));
        let failure = Failure { offline: false, timed_out: false, server_answered_probe: false };
        update(&mut s, Msg::ServerClockAnswered { url: url.clone(), answer: Err(failure) });
        assert_eq!(s.clock_view(), ClockView::Server { url, clock: Some(&ServerClock::Unreachable(failure)) });
        assert!(clock_text(s.clock_view(), Lang::En, &s.origin).starts_with("Clock not moved: Nothing answered at "));
        // A server target without a URL (the production profile starts so): nothing to ask.
        update(&mut s, Msg::Profile("production".into()));
        assert_eq!((update(&mut s, Msg::AdvanceClock(CLOCK)), s.clock_view()), (None, ClockView::NoServerUrl));
    }

    #[test]
    fn the_permalink_never_carries_a_credential() {
        let mut s = with_secret();
        update(&mut s, Msg::Override { name: catalog::CORRELATION_ID, value: "251125120000-abcdef1".into() });
        let fragment = s.link().fragment();
        let link = Permalink::parse(&fragment).unwrap();
        assert_eq!(link.body, s.body);
        assert!(!format!("{link:?}").contains(SECRET) && !format!("{link:?}").contains(sandbox::ACCESS_KEY));
    }
}

//! The Diagnose panel without the DOM: a pasted request (cURL, raw HTTP or a HAR entry or log)
//! diagnosed by the `diagnose` module (`crates/konaplate-console-diagnose`, core `diagnose`,
//! the same as `konaplate doctor`), which the page loads on demand: when the paste is first
//! typed into, or Diagnose is pressed. A press before the module is there waits for it.
//! The secret is the console's own (memory only), passed for the call and never kept here.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use konaplate_core::text::Text;

use crate::ondemand::{self, Module, Why};
use crate::text::{self, Lang};
use crate::tools_text;

/// The module's name for the page's loader (`konaplate-console-diagnose.js`).
pub const NAME: &str = "diagnose";

/// What the panel asks of the module: its answer to `diagnose(input, secret, now_ms)`, split
/// at U+001F (`ok␟exit␟summary en␟summary ko` then `class␟en␟ko` per line).
pub trait Diagnoser {
    fn diagnose(&self, input: &str, secret: &str, now_ms: f64) -> Vec<String>;
}

/// A loaded module, carried by a message.
#[derive(Clone)]
pub struct Loaded(pub Rc<dyn Diagnoser>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loaded")
    }
}

/// The page's [`Diagnoser`]: the on-demand bridge.
struct Bridge;

impl Diagnoser for Bridge {
    fn diagnose(&self, input: &str, secret: &str, now_ms: f64) -> Vec<String> {
        ondemand::call(NAME, "diagnose", &[input.into(), secret.into(), JsValue::from_f64(now_ms)])
    }
}

/// The module once `ondemand::load(NAME)` said whether it is there; `None` when there was no
/// loader or it failed.
pub fn loaded(there: bool) -> Option<Loaded> {
    there.then(|| Loaded(Rc::new(Bridge)))
}

/// One diagnosis as the module worded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// What `konaplate doctor` exits with: 0 fine, 1 problem, 2 not a request.
    pub exit: u8,
    pub summary: Text<String>,
    /// `(class, words)`: `request`, or a severity whose word the view puts in front.
    pub lines: Vec<(String, Text<String>)>,
}

impl Answer {
    /// Reads the module's answer, or why it is not one.
    fn read(answer: Vec<String>) -> Result<Answer, Why> {
        let mut fields = ondemand::result(answer)?.into_iter();
        let (exit, en, ko) = (fields.next(), fields.next(), fields.next());
        let exit = exit.and_then(|e| e.parse().ok()).ok_or_else(|| Why {
            kind: "module".into(),
            reason: Text::from_pair(
                "the diagnose module's answer is not readable",
                "진단 모듈의 응답을 읽을 수 없습니다",
            ),
        })?;
        let rest: Vec<String> = fields.collect();
        let lines = rest.chunks_exact(3).map(|c| (c[0].clone(), Text::new(c[1].clone(), c[2].clone()))).collect();
        Ok(Answer { exit, summary: Text::new(en.unwrap_or_default(), ko.unwrap_or_default()), lines })
    }
}

/// The panel's text, the module's state and the last diagnosis.
#[derive(Default)]
pub struct Doctor {
    /// The paste as typed.
    pub input: String,
    /// `None` until a diagnosis is made; `Err` when the module could not answer.
    pub result: Option<Result<Answer, Why>>,
    /// Presses so far: the view re-words its list when this or the language changes.
    pub runs: u32,
    pub module: Module,
    backend: Option<Rc<dyn Diagnoser>>,
    /// A press waiting for the module: its clock reading.
    pending: Option<i64>,
}

impl std::fmt::Debug for Doctor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Doctor").field("module", &self.module).field("runs", &self.runs).finish_non_exhaustive()
    }
}

impl Doctor {
    /// The paste as typed: the first keystroke asks for the module (the panel is in use).
    pub fn typed(&mut self, input: String) -> bool {
        self.input = input;
        self.want()
    }

    /// Diagnose pressed with `secret` (empty: the tran-token's MAC is not checked) at the clock
    /// reading `now_ms` (X-KM-Tran-Time is compared with it, as the CLI does). Without the
    /// module the press waits for it: `true` when it must be loaded.
    pub fn press(&mut self, secret: &str, now_ms: i64) -> bool {
        if self.backend.is_some() {
            self.answer(secret, now_ms);
            return false;
        }
        self.runs = self.runs.wrapping_add(1);
        self.result = None;
        self.pending = Some(now_ms);
        self.want()
    }

    /// The module arrived (or could not): a waiting press is answered now.
    pub fn loaded(&mut self, loaded: Option<Loaded>, secret: &str) {
        self.module = if loaded.is_some() { Module::Ready } else { Module::Failed };
        self.backend = loaded.map(|Loaded(backend)| backend);
        let Some(now_ms) = self.pending.take() else { return };
        if self.backend.is_some() {
            self.answer(secret, now_ms);
        } else {
            self.runs = self.runs.wrapping_add(1);
            self.result = Some(Err(Why {
                kind: "module".into(),
                reason: Text::from_pair("the diagnose module could not be loaded", "진단 모듈을 불러오지 못했습니다"),
            }));
        }
    }

    fn answer(&mut self, secret: &str, now_ms: i64) {
        if let Some(backend) = &self.backend {
            self.result = Some(Answer::read(backend.diagnose(&self.input, secret, now_ms as f64)));
            self.runs = self.runs.wrapping_add(1);
        }
    }

    /// Whether the module must be asked for now (absent, or failed before: a new try).
    fn want(&mut self) -> bool {
        if matches!(self.module, Module::Absent | Module::Failed) {
            self.module = Module::Loading;
            return true;
        }
        false
    }
}

/// The summary line and the list `(text, class)`, worded in `lang`.
pub fn lines(d: &Doctor, lang: Lang) -> (String, Vec<(String, &'static str)>) {
    match &d.result {
        None if d.pending.is_some() => (lang.pick(tools_text::DIAGNOSE_LOADING).into(), Vec::new()),
        None => (String::new(), Vec::new()),
        Some(Err(why)) => {
            let reason = why.reason.get(lang);
            (format!("{} ({reason})", lang.pick(tools_text::DIAGNOSE_FAILED)), Vec::new())
        }
        Some(Ok(answer)) => {
            let summary = answer.summary.get(lang).to_string();
            let items = answer
                .lines
                .iter()
                .map(|(class, words)| {
                    let words = words.get(lang);
                    match severity(class) {
                        Some((class, word)) => (format!("{} · {words}", lang.pick(word)), class),
                        None => (words.to_string(), "request"),
                    }
                })
                .collect();
            (summary, items)
        }
    }
}

/// A line's severity class and its word (`None`: a `request` line).
fn severity(class: &str) -> Option<(&'static str, konaplate_core::catalog::Text)> {
    match class {
        "error" => Some(("error", text::ERROR)),
        "warning" => Some(("warning", text::WARNING)),
        "note" => Some(("note", text::NOTE)),
        _ => None,
    }
}

/// The module itself, natively, for tests (the page goes through [`Bridge`]).
#[cfg(test)]
pub mod native {
    use super::*;
    use crate::ondemand::SEP;

    pub struct Native;

    impl Diagnoser for Native {
        fn diagnose(&self, input: &str, secret: &str, now_ms: f64) -> Vec<String> {
            konaplate_console_diagnose::diagnose(input, secret, now_ms).split(SEP).map(str::to_string).collect()
        }
    }

    pub fn loaded() -> Option<Loaded> {
        Some(Loaded(Rc::new(Native)))
    }
}

#[cfg(test)]
mod tests {
    use super::native::loaded;
    use super::*;

    const NOW: i64 = 1_767_225_600_000;

    #[test]
    fn typing_asks_for_the_module_once_and_a_press_before_it_arrives_is_answered_when_it_does() {
        let mut d = Doctor::default();
        assert!(d.typed("hello".into()), "the first keystroke loads the module");
        assert!(!d.typed("hello!".into()) && !d.press("", NOW), "already loading");
        assert_eq!(lines(&d, Lang::En).0, "Loading the diagnose module…");
        assert_eq!(lines(&d, Lang::Ko).0, "진단 모듈을 불러오는 중…");
        d.loaded(loaded(), "");
        assert_eq!(d.module, Module::Ready);
        let (summary, items) = lines(&d, Lang::En);
        assert_eq!(summary, "Not a request konaplate can read.");
        assert_eq!(items.len(), 1);
        assert!(items[0].0.starts_with("error · ") && items[0].0.contains("cURL command"), "{items:?}");
        assert_eq!(d.runs, 2, "the press, then its answer");
        d.press("", NOW);
        assert_eq!(d.runs, 3, "a press with the module is answered at once");
        assert!(matches!(&d.result, Some(Ok(a)) if a.exit == 2));
    }

    #[test]
    fn a_module_that_cannot_load_is_explained_in_both_languages_and_tried_again_on_the_next_press() {
        let mut d = Doctor::default();
        assert!(d.press("", NOW), "a press without the module loads it");
        d.loaded(None, "");
        assert_eq!(d.module, Module::Failed);
        assert_eq!(
            lines(&d, Lang::En).0,
            "The Diagnose panel is not available: press Diagnose to try again (the diagnose module could not be loaded)"
        );
        assert!(lines(&d, Lang::Ko).0.contains("진단 모듈을 불러오지 못했습니다"));
        assert!(d.press("", NOW), "tried again");
        d.loaded(loaded(), "");
        assert!(matches!(&d.result, Some(Ok(a)) if a.exit == 2));
    }

    #[test]
    fn an_answer_that_is_not_the_modules_format_is_refused_not_misread() {
        let why = Answer::read(vec!["ok".into(), "x".into()]).unwrap_err();
        assert_eq!(why.kind, "module");
        let missing = ondemand::result(vec!["error".into(), "module".into(), "gone".into(), "없음".into()]);
        assert!(missing.is_err());
        let answer =
            Answer::read(["ok", "1", "P", "문", "error", "[a]: b", "[a]: 나", "note"].map(String::from).to_vec());
        assert_eq!(answer.unwrap().lines.len(), 1, "a partial line is dropped");
    }
}

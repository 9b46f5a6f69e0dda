//! Environments without the DOM: named profiles (target, base URL, ASP ID, access key, secret,
//! variables), one of them active. The console's target, server URL and credentials are the
//! active profile's values as edited; [`Environments::switch`] saves them into the profile
//! left and loads the one chosen.
//!
//! Secrets stay in memory. [`Environments::session_text`] is what "keep for this tab" writes
//! to `sessionStorage` (and nowhere else); [`Environments::export`] writes a file without any
//! credential but the ASP ID; the permalink carries the active profile's name only.

use konaplate_core::catalog;
use konaplate_core::headers::Credentials;
use konaplate_core::text::Text;
use serde_json::{json, Value};

use crate::exchange::Target;
use crate::state::LOCAL_SANDBOX_URL;

/// The `sessionStorage` key "keep for this tab" uses.
pub const SESSION_KEY: &str = "konaplate-profiles";

/// The file name offered for an export.
pub const FILE_NAME: &str = "konaplate-profiles.json";

/// What `konaplate proxy` listens on by default (its `--to` is KONA PLATE's sandbox).
pub const PROXY_URL: &str = "http://127.0.0.1:8788/open-api";

/// One named environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub target: Target,
    pub server_url: String,
    pub credentials: Credentials,
    /// `name=value`, one a line, as typed; used as `{{name}}` in the body and headers.
    pub variables: String,
}

impl Profile {
    fn new(name: &str, target: Target, server_url: &str, asp_id: &str, access_key: &str, variables: &str) -> Profile {
        Profile {
            name: name.into(),
            target,
            server_url: server_url.into(),
            credentials: Credentials {
                asp_id: asp_id.into(),
                access_key: access_key.into(),
                secret_key: String::new(),
            },
            variables: variables.into(),
        }
    }
}

/// The four profiles a console starts with.
pub fn defaults() -> Vec<Profile> {
    let sandbox_variables = "merchantId=123456789012345";
    vec![
        Profile::new(
            "in-browser sandbox",
            Target::InBrowser,
            LOCAL_SANDBOX_URL,
            catalog::sandbox::ASP_ID,
            catalog::sandbox::ACCESS_KEY,
            sandbox_variables,
        ),
        Profile::new(
            "local server",
            Target::Server,
            LOCAL_SANDBOX_URL,
            catalog::sandbox::ASP_ID,
            catalog::sandbox::ACCESS_KEY,
            sandbox_variables,
        ),
        Profile::new("KONA sandbox", Target::Server, PROXY_URL, "", "", ""),
        // KONA PLATE's documents give no production base URL: the user fills it in.
        Profile::new("production", Target::Server, "", "", "", ""),
    ]
}

#[derive(Debug)]
pub struct Environments {
    pub profiles: Vec<Profile>,
    pub active: usize,
    /// "Keep for this tab": the profiles, secrets included, in `sessionStorage`.
    pub keep_for_tab: bool,
    /// What the last import said (`None`: nothing to say), in English and Korean.
    pub notice: Option<Text<String>>,
}

impl Default for Environments {
    fn default() -> Environments {
        Environments { profiles: defaults(), active: 0, keep_for_tab: false, notice: None }
    }
}

/// The live values of the active profile, as the console holds them.
pub struct Live<'a> {
    pub target: &'a mut Target,
    pub server_url: &'a mut String,
    pub credentials: &'a mut Credentials,
}

impl Environments {
    pub fn active(&self) -> &Profile {
        &self.profiles[self.active]
    }

    /// The active profile's variables, `(name, value)`.
    pub fn variables(&self) -> Vec<(String, String)> {
        parse_variables(&self.active().variables)
    }

    pub fn set_variables(&mut self, text: String) {
        let active = self.active;
        self.profiles[active].variables = text;
    }

    /// Saves the live values into the active profile.
    pub fn save(&mut self, live: &Live<'_>) {
        let p = &mut self.profiles[self.active];
        p.target = *live.target;
        p.server_url.clone_from(live.server_url);
        p.credentials.clone_from(live.credentials);
    }

    /// Makes the profile `name` active: the live values go into the one left, the chosen one's
    /// become live. `false` (nothing changed) if no profile has that name.
    pub fn switch(&mut self, name: &str, live: Live<'_>) -> bool {
        let Some(index) = self.profiles.iter().position(|p| p.name == name) else { return false };
        self.save(&live);
        self.active = index;
        let p = &self.profiles[index];
        *live.target = p.target;
        live.server_url.clone_from(&p.server_url);
        live.credentials.clone_from(&p.credentials);
        true
    }

    /// The profiles as a file: names, targets, base URLs, ASP IDs and variables. No access key
    /// and no secret key: a file leaves the tab.
    pub fn export(&self) -> String {
        let profiles: Vec<Value> = self
            .profiles
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "target": p.target.id(),
                    "baseUrl": p.server_url,
                    "aspId": p.credentials.asp_id,
                    "variables": p.variables,
                })
            })
            .collect();
        serde_json::to_string_pretty(&json!({ "konaplateProfiles": 1, "profiles": profiles })).unwrap_or_default()
    }

    /// Reads an exported file: a profile of a known name takes the file's values (its access
    /// key and secret stay as they are), a new name is added without credentials. A file that
    /// is not such an export changes nothing; the notice names the field and the rule.
    pub fn import(&mut self, text: &str) {
        self.notice = Some(match read_export(text) {
            Ok(imported) => {
                let count = imported.len();
                for p in imported {
                    match self.profiles.iter_mut().find(|q| q.name == p.name) {
                        Some(q) => {
                            let keys = q.credentials.clone();
                            *q = Profile { credentials: Credentials { asp_id: p.credentials.asp_id, ..keys }, ..p };
                        }
                        None => self.profiles.push(p),
                    }
                }
                Text::new(
                    format!("Imported {count} profile(s). Access keys and secrets are never in a profile file: type them in."),
                    format!("프로필 {count}개를 가져왔습니다. 액세스 키와 시크릿은 프로필 파일에 없으니 직접 입력하세요."),
                )
            }
            Err(why) => Text::new(format!("Not imported: {}", why.en), format!("가져오지 않음: {}", why.ko)),
        });
    }

    /// Everything "keep for this tab" keeps, secrets included (written to `sessionStorage` only).
    pub fn session_text(&self) -> String {
        let profiles: Vec<Value> = self
            .profiles
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "target": p.target.id(),
                    "baseUrl": p.server_url,
                    "aspId": p.credentials.asp_id,
                    "accessKey": p.credentials.access_key,
                    "secretKey": p.credentials.secret_key,
                    "variables": p.variables,
                })
            })
            .collect();
        konaplate_core::json::text(&json!({ "active": self.active, "profiles": profiles }))
    }

    /// Restores what [`Environments::session_text`] wrote; `None` if it is not that.
    pub fn from_session(text: &str) -> Option<Environments> {
        let v: Value = konaplate_core::json::read(text).ok()?;
        let profiles = v.get("profiles")?.as_array()?.iter().map(profile).collect::<Option<Vec<_>>>()?;
        let active = usize::try_from(v.get("active")?.as_u64()?).ok().filter(|a| *a < profiles.len())?;
        Some(Environments { profiles, active, keep_for_tab: true, notice: None })
    }
}

fn profile(v: &Value) -> Option<Profile> {
    let s = |key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_string);
    Some(Profile {
        name: s("name").filter(|n| !n.trim().is_empty())?,
        target: Target::from_id(&s("target")?)?,
        server_url: s("baseUrl").unwrap_or_default(),
        credentials: Credentials {
            asp_id: s("aspId").unwrap_or_default(),
            access_key: s("accessKey").unwrap_or_default(),
            secret_key: s("secretKey").unwrap_or_default(),
        },
        variables: s("variables").unwrap_or_default(),
    })
}

/// The profiles of an export file, or what is wrong with it (English, Korean).
fn read_export(text: &str) -> Result<Vec<Profile>, Text<String>> {
    let v: Value = konaplate_core::json::read(text)
        .map_err(|e| Text::new(format!("the file is not JSON ({e})."), format!("파일이 JSON이 아닙니다({e}).")))?;
    let list = v.get("profiles").and_then(|p| p.as_array()).ok_or_else(|| {
        Text::new(
            "profiles: must be an array (a konaplate profile export).".to_string(),
            "profiles: 배열이어야 합니다(konaplate 프로필 내보내기 파일).".to_string(),
        )
    })?;
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let field = |key: &str| p.get(key).and_then(|x| x.as_str());
            if field("name").is_none_or(|n| n.trim().is_empty()) {
                return Err(Text::new(
                    format!("profiles[{i}].name: must be a non-empty string."),
                    format!("profiles[{i}].name: 비어 있지 않은 문자열이어야 합니다."),
                ));
            }
            if field("target").and_then(Target::from_id).is_none() {
                return Err(Text::new(
                    format!("profiles[{i}].target: must be one of in-browser, server, proxy."),
                    format!("profiles[{i}].target: in-browser, server, proxy 중 하나여야 합니다."),
                ));
            }
            let mut profile = profile(p).ok_or_else(|| {
                Text::new(format!("profiles[{i}]: unreadable."), format!("profiles[{i}]: 읽을 수 없습니다."))
            })?;
            // A file never brings keys in, even one edited by hand.
            profile.credentials.access_key.clear();
            profile.credentials.secret_key.clear();
            Ok(profile)
        })
        .collect()
}

/// `name=value` lines; blank lines and lines starting with `#` are skipped.
pub fn parse_variables(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(n, v)| (n.trim().to_string(), v.to_string()))
        .filter(|(n, _)| !n.is_empty())
        .collect()
}

/// `text` with every `{{name}}` of `variables` replaced by its value; a `{{name}}` with no
/// variable stays as written and is listed in the second value.
pub fn resolve(text: &str, variables: &[(String, String)]) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) if is_name(&after[..end]) => {
                let name = &after[..end];
                match variables.iter().find(|(n, _)| n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push_str(&rest[start..start + 2 + end + 2]);
                        if !unknown.iter().any(|u| u == name) {
                            unknown.push(name.to_string());
                        }
                    }
                }
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, unknown)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vec<(String, String)> {
        parse_variables("merchantId=123456789012345\n# comment\n\n ampersand = a&b=c \nbroken line")
    }

    #[test]
    fn variables_are_name_value_lines() {
        assert_eq!(
            vars(),
            vec![("merchantId".into(), "123456789012345".into()), ("ampersand".into(), " a&b=c ".into())]
        );
    }

    #[test]
    fn placeholders_resolve_and_unknown_ones_stay_as_written() {
        let (text, unknown) =
            resolve(r#"{"merchantId":"{{merchantId}}","x":"{{nope}}","y":"{{ not a name }}","z":"{{"}"#, &vars());
        assert_eq!(text, r#"{"merchantId":"123456789012345","x":"{{nope}}","y":"{{ not a name }}","z":"{{"}"#);
        assert_eq!(unknown, vec!["nope".to_string()]);
        assert_eq!(resolve("no placeholders", &vars()), ("no placeholders".into(), vec![]));
        assert_eq!(resolve("{{merchantId}}{{merchantId}}", &vars()).0, "123456789012345123456789012345");
    }

    fn live_values() -> (Target, String, Credentials) {
        (Target::InBrowser, LOCAL_SANDBOX_URL.into(), defaults()[0].credentials.clone())
    }

    #[test]
    fn switching_saves_the_profile_left_and_loads_the_one_chosen() {
        let mut env = Environments::default();
        let (mut target, mut url, mut creds) = live_values();
        creds.secret_key = "typed-secret".into();
        assert!(env.switch("KONA sandbox", Live { target: &mut target, server_url: &mut url, credentials: &mut creds }));
        assert_eq!((target, url.as_str(), creds.secret_key.as_str()), (Target::Server, PROXY_URL, ""));
        assert_eq!(env.profiles[0].credentials.secret_key, "typed-secret");
        assert!(!env.switch("nope", Live { target: &mut target, server_url: &mut url, credentials: &mut creds }));
        assert!(env
            .switch("in-browser sandbox", Live { target: &mut target, server_url: &mut url, credentials: &mut creds }));
        assert_eq!((target, creds.secret_key.as_str()), (Target::InBrowser, "typed-secret"));
    }

    #[test]
    fn an_export_holds_no_key_and_imports_back_without_touching_keys() {
        let mut env = Environments::default();
        env.profiles[1].credentials.secret_key = "typed-secret".into();
        env.profiles[1].server_url = "http://edited".into();
        let file = env.export();
        assert!(!file.contains("typed-secret") && !file.contains(catalog::sandbox::ACCESS_KEY), "{file}");
        assert!(file.contains("http://edited") && file.contains(catalog::sandbox::ASP_ID));
        let mut other = Environments::default();
        other.profiles[1].credentials.secret_key = "kept".into();
        let hand_edited = file.replace("\"aspId\"", "\"secretKey\": \"smuggled\", \"aspId\"");
        other.import(&hand_edited);
        assert_eq!(other.profiles[1].server_url, "http://edited");
        assert_eq!(other.profiles[1].credentials.secret_key, "kept");
        assert!(other.profiles.iter().all(|p| p.credentials.secret_key != "smuggled"));
        assert!(other.notice.as_ref().unwrap().en.starts_with("Imported 4"));
        other.import(r#"{"profiles":[{"name":"staging","target":"server","baseUrl":"https://s"}]}"#);
        assert_eq!(other.profiles.last().unwrap().name, "staging");
    }

    #[test]
    fn a_file_that_is_no_export_is_refused_naming_the_field() {
        let mut env = Environments::default();
        for (file, field) in [
            ("{", "not JSON"),
            ("{}", "profiles: must be an array"),
            (r#"{"profiles":[{"name":""}]}"#, "profiles[0].name"),
            (r#"{"profiles":[{"name":"a","target":"moon"}]}"#, "profiles[0].target"),
        ] {
            env.import(file);
            let Text { en, ko } = env.notice.clone().unwrap();
            assert!(en.starts_with("Not imported") && en.contains(field), "{en}");
            assert!(ko.starts_with("가져오지 않음"), "{ko}");
        }
        assert_eq!(env.profiles, defaults(), "nothing changed");
    }

    #[test]
    fn the_session_text_round_trips() {
        let mut env = Environments { active: 2, ..Environments::default() };
        env.profiles[2].credentials.secret_key = "s".into();
        let back = Environments::from_session(&env.session_text()).unwrap();
        assert_eq!((back.profiles, back.active, back.keep_for_tab), (env.profiles, 2, true));
        assert!(Environments::from_session(r#"{"active":9,"profiles":[]}"#).is_none());
        assert!(Environments::from_session("nonsense").is_none());
    }
}

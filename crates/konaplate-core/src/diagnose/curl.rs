//! A cURL command: tokenised as a POSIX shell would (`shell-words`), then curl's options read.

use super::finding::{Finding, FindingKind};
use super::paste::{Format, PastedBody, PastedRequest, ReadError};

/// Options that take a value and do not matter to the request we check (skipped with it).
const IGNORED_WITH_VALUE: &[&str] = &[
    "-u",
    "--user",
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-w",
    "--write-out",
    "--cacert",
    "--cert",
    "--key",
    "-x",
    "--proxy",
    "--retry",
    "-K",
    "--config",
    "--resolve",
];

/// Data options: (name, reads `@file`).
const DATA_OPTIONS: &[(&str, bool)] =
    &[("-d", true), ("--data", true), ("--data-ascii", true), ("--data-binary", true), ("--data-raw", false)];

/// Reads a `curl …` command (line continuations `\` + newline allowed).
pub fn read(text: &str) -> Result<PastedRequest, ReadError> {
    let joined = ansi_c_quotes(&text.replace("\\\r\n", " ").replace("\\\n", " "));
    let words = shell_words::split(&joined).map_err(|e| {
        ReadError::new(
            format!("The cURL command cannot be split into words: {e} (an unclosed quote?)."),
            format!("cURL 명령을 단어로 나눌 수 없습니다: {e} (닫히지 않은 따옴표?)."),
        )
    })?;
    let mut words = words.into_iter().skip(1).peekable();
    let mut request = PastedRequest {
        format: Format::Curl,
        method: String::new(),
        url: String::new(),
        headers: Vec::new(),
        body: PastedBody::None,
        findings: Vec::new(),
    };
    let mut data: Vec<String> = Vec::new();
    let mut data_file: Option<String> = None;
    let mut json_option = false;
    while let Some(word) = words.next() {
        let (option, attached) = split_option(&word);
        let mut value = |name: &str| {
            attached.clone().or_else(|| words.next()).ok_or_else(|| {
                ReadError::new(
                    format!("The cURL option {name} has no value."),
                    format!("cURL 옵션 {name}에 값이 없습니다."),
                )
            })
        };
        match option.as_str() {
            "-H" | "--header" => {
                let header = value(&option)?;
                match header.split_once(':') {
                    Some((name, v)) => request.headers.push((name.trim().to_string(), v.trim().to_string())),
                    None => {
                        return Err(ReadError::new(
                            format!("The cURL header {} is not `Name: value`.", crate::violation::quote(&header)),
                            format!(
                                "cURL 헤더 {}{} `Name: value` 형식이 아닙니다.",
                                crate::violation::quote(&header),
                                crate::text::ko::subject(&header)
                            ),
                        ))
                    }
                }
            }
            "-X" | "--request" => request.method = value(&option)?,
            "--url" => request.url = value(&option)?,
            "--json" => {
                json_option = true;
                data.push(value(&option)?);
            }
            _ if DATA_OPTIONS.iter().any(|(name, _)| *name == option) => {
                let reads_file = DATA_OPTIONS.iter().any(|(name, file)| *name == option && *file);
                let v = value(&option)?;
                match v.strip_prefix('@') {
                    Some(path) if reads_file => data_file = Some(path.to_string()),
                    _ => data.push(v),
                }
            }
            _ if IGNORED_WITH_VALUE.contains(&option.as_str()) => {
                value(&option)?;
            }
            _ if option.starts_with('-') && option.len() > 1 => {
                request.findings.push(Finding::new(FindingKind::IgnoredOption { option: option.clone() }));
            }
            _ if request.url.is_empty() => request.url = word,
            // Not quoted back: a stray word may be a value that belongs to no one's log.
            _ => request.findings.push(Finding::new(FindingKind::ExtraWord { characters: word.chars().count() })),
        }
    }
    if request.url.is_empty() {
        return Err(ReadError::new("The cURL command has no URL.", "cURL 명령에 URL이 없습니다."));
    }
    if json_option && request.header("Content-Type").is_none() {
        request.headers.push(("Content-Type".into(), "application/json".into()));
    }
    request.body = match (data_file, data.is_empty()) {
        (Some(path), _) => PastedBody::File(path),
        // curl joins several data options with `&`.
        (None, false) => PastedBody::Inline(data.join("&")),
        (None, true) => PastedBody::None,
    };
    if request.method.is_empty() {
        request.method = if request.body == PastedBody::None { "GET" } else { "POST" }.into();
    }
    Ok(request)
}

/// Bash's `$'…'` strings (browsers' "Copy as cURL" writes bodies with escapes this way), which
/// `shell-words` does not read, rewritten as plain single-quoted strings with the escapes decoded.
fn ansi_c_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '$') if chars.peek() == Some(&'\'') => {
                chars.next();
                let mut decoded = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\'' => break,
                        '\\' => decoded.push_str(&escape(&mut chars)),
                        other => decoded.push(other),
                    }
                }
                out.push('\'');
                out.push_str(&decoded.replace('\'', "'\\''"));
                out.push('\'');
            }
            (None, '\\') => {
                out.push(c);
                out.extend(chars.next());
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (Some('"'), '\\') => {
                out.push(c);
                out.extend(chars.next());
            }
            (Some(q), _) if c == q => {
                quote = None;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One escape after `\` in a `$'…'` string: `\n`, `\t`, `\\`, `\'`, `\"`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    match chars.next() {
        Some('n') => "\n".into(),
        Some('t') => "\t".into(),
        Some('r') => "\r".into(),
        Some('x') => hex_char(chars, 2),
        Some('u') => hex_char(chars, 4),
        Some('U') => hex_char(chars, 8),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Up to `max` hex digits as one character (nothing when they name none).
fn hex_char(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, max: usize) -> String {
    let mut digits = String::new();
    while digits.len() < max && chars.peek().is_some_and(char::is_ascii_hexdigit) {
        digits.extend(chars.next());
    }
    u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).map(String::from).unwrap_or_default()
}

/// `-HX: y` → (`-H`, `X: y`); `--data=x` → (`--data`, `x`); anything else unchanged.
fn split_option(word: &str) -> (String, Option<String>) {
    if let Some(long) = word.strip_prefix("--") {
        if let Some((name, value)) = long.split_once('=') {
            return (format!("--{name}"), Some(value.to_string()));
        }
        return (word.to_string(), None);
    }
    let short = ["-H", "-X", "-d", "-u", "-o", "-A", "-e", "-b", "-c", "-m", "-w", "-x", "-K"];
    match short.iter().find(|s| word.starts_with(**s) && word.len() > 2) {
        Some(s) => (s.to_string(), Some(word[2..].to_string())),
        None => (word.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_data_method_and_continuations() {
        let r = read(
            "curl -s -X POST 'https://h/open-api/api/v1/x' \\\n  -H 'Content-Type: application/json' \\\n  -H\"X-KM-Time-Zone: KST\" \\\n  --data-raw '{\"a\": 1}'",
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "https://h/open-api/api/v1/x");
        assert_eq!(r.headers[1], ("X-KM-Time-Zone".to_string(), "KST".to_string()));
        assert_eq!(r.body, PastedBody::Inline("{\"a\": 1}".into()));
        assert_eq!(r.findings.len(), 1, "-s is ignored and said so");
    }

    #[test]
    fn at_file_is_a_file_body_except_for_data_raw() {
        assert_eq!(read("curl u --data-binary @body.json").unwrap().body, PastedBody::File("body.json".into()));
        assert_eq!(read("curl u -d@body.json").unwrap().body, PastedBody::File("body.json".into()));
        assert_eq!(read("curl u --data-raw @x").unwrap().body, PastedBody::Inline("@x".into()));
    }

    #[test]
    fn method_defaults_and_several_data_options_join() {
        assert_eq!(read("curl https://h/a").unwrap().method, "GET");
        let r = read("curl https://h/a -d a=1 --data b=2").unwrap();
        assert_eq!((r.method.as_str(), r.body), ("POST", PastedBody::Inline("a=1&b=2".into())));
    }

    #[test]
    fn broken_commands_are_read_errors() {
        assert!(read("curl 'https://h/a").is_err());
        assert!(read("curl -H").is_err());
        assert!(read("curl -H 'no colon' https://h").is_err());
        assert!(read("curl -s").is_err());
    }

    #[test]
    fn bash_ansi_c_strings_from_copy_as_curl_are_decoded() {
        let r = read(r#"curl 'https://h/a' -H $'X-A: it\'s' --data-raw $'{"name":"caf\u00e9\n","q":"\\"}'"#).unwrap();
        assert_eq!(r.headers[0].1, "it's");
        assert_eq!(r.body, PastedBody::Inline("{\"name\":\"café\n\",\"q\":\"\\\"}".into()));
        let plain = read(r#"curl 'https://h/$x' --data-raw '{"a":"$'"'"'b"}'"#).unwrap();
        assert_eq!(plain.url, "https://h/$x");
        assert_eq!(plain.body, PastedBody::Inline(r#"{"a":"$'b"}"#.into()));
    }

    #[test]
    fn a_stray_word_is_counted_not_quoted() {
        let r = read("curl https://h/a stray-value").unwrap();
        assert_eq!(r.findings[0].kind, FindingKind::ExtraWord { characters: 11 });
        assert!(!format!("{:?}", r.findings[0].message).contains("stray-value"));
    }
}

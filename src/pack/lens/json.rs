//! A small, tolerant JSON reader that remembers where every value is.
//!
//! Real lens files are not always strict JSON: one writes `"title": NaN` (Python's `json.dump`
//! does that), some start with a byte order mark, some use CRLF line endings. `serde_json` rejects
//! the first and would lose every position, yet a warning about a stray key or an error about a
//! rule is only useful when it says line and column. So lenses are read here: standard JSON,
//! plus the bare tokens `NaN`, `Infinity` and `-Infinity` (kept as [`Value::NaN`] for the importer
//! to replace, with a warning that names the field), plus a BOM and CRLF noted as quirks.
//! Anything else that is not JSON is an error at the exact place.

use crate::pack::Pos;

/// A JSON value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
    /// `NaN`, `Infinity` or `-Infinity`: not JSON, but written by some tools.
    NaN(&'static str),
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Value {
    /// What the value is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
            Value::NaN(t) => t,
        }
    }
}

/// A parsed document and the quirks met on the way (BOM, CRLF).
#[derive(Debug)]
pub struct Document {
    pub root: Node,
    pub quirks: Vec<(Pos, String)>,
}

/// Where the text stopped being JSON, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Nesting deeper than this is refused rather than risking the stack (real lenses nest 8 deep).
const MAX_DEPTH: usize = 64;

pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    let mut quirks = Vec::new();
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            quirks.push((
                Pos::new(1, 1),
                "the file starts with a byte order mark (BOM); it is ignored".to_string(),
            ));
            rest
        }
        None => text,
    };
    if let Some(at) = text.find("\r\n") {
        let line = text[..at].matches('\n').count() + 1;
        quirks.push((
            Pos::new(line as u64, 1),
            "the file has Windows (CRLF) line endings; they are read as LF".to_string(),
        ));
    }
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        col: 1,
    };
    p.skip_ws();
    let root = p.value(0)?;
    p.skip_ws();
    if p.peek().is_some() {
        return Err(p.error("unexpected text after the end of the JSON document"));
    }
    Ok(Document { root, quirks })
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    line: u32,
    col: u32,
}

impl Parser {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            pos: self.pos(),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".into(),
            Some(c) if c.is_control() => format!("`{}`", c.escape_default()),
            Some(c) => format!("`{c}`"),
        }
    }

    fn expect_word(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        if self.chars.len() >= self.at + n
            && self.chars[self.at..self.at + n]
                .iter()
                .copied()
                .eq(word.chars())
        {
            for _ in 0..n {
                self.bump();
            }
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "the JSON is nested more than {MAX_DEPTH} levels deep"
            )));
        }
        let pos = self.pos();
        let value = match self.peek() {
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some('"') => Value::String(self.string()?),
            Some('t') if self.expect_word("true") => Value::Bool(true),
            Some('f') if self.expect_word("false") => Value::Bool(false),
            Some('n') if self.expect_word("null") => Value::Null,
            Some('N') if self.expect_word("NaN") => Value::NaN("NaN"),
            Some('I') if self.expect_word("Infinity") => Value::NaN("Infinity"),
            Some('-') if self.expect_word("-Infinity") => Value::NaN("-Infinity"),
            Some('-' | '0'..='9') => Value::Number(self.number()?),
            _ => {
                return Err(self.error(format!("expected a JSON value but found {}", self.found())));
            }
        };
        Ok(Node { pos, value })
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.bump();
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some('"') {
                return Err(self.error(format!(
                    "expected a key in double quotes but found {}",
                    self.found()
                )));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(':') {
                return Err(self.error(format!(
                    "expected `:` after the key \"{key}\" but found {}",
                    self.found()
                )));
            }
            self.bump();
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_ws();
            match self.bump() {
                Some(',') => continue,
                Some('}') => return Ok(Value::Object(members)),
                _ => {
                    self.back();
                    return Err(self.error(format!(
                        "expected `,` or `}}` after an object member but found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.bump();
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.bump() {
                Some(',') => continue,
                Some(']') => return Ok(Value::Array(items)),
                _ => {
                    self.back();
                    return Err(self.error(format!(
                        "expected `,` or `]` after a list item but found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    /// Steps back over the last character read (never a line break: callers only use it after a
    /// character that was not one of the expected punctuation marks on the same line).
    fn back(&mut self) {
        if self.at > 0 && self.chars[self.at - 1] != '\n' {
            self.at -= 1;
            self.col -= 1;
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos();
        self.bump();
        let mut out = String::new();
        loop {
            let here = self.pos();
            match self.bump() {
                None => {
                    return Err(SyntaxError {
                        pos: start,
                        message: "this string is never closed".into(),
                    });
                }
                Some('"') => return Ok(out),
                Some('\\') => out.push(self.escape(here)?),
                Some(c) if (c as u32) < 0x20 => {
                    return Err(SyntaxError {
                        pos: here,
                        message: format!(
                            "a raw control character ({}) inside a string; write it escaped",
                            c.escape_default()
                        ),
                    });
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn escape(&mut self, at: Pos) -> Result<char, SyntaxError> {
        let bad = |m: &str| SyntaxError {
            pos: at,
            message: m.to_string(),
        };
        Ok(match self.bump() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let hi = self
                    .hex4()
                    .ok_or_else(|| bad("`\\u` must be followed by four hex digits"))?;
                if (0xD800..0xDC00).contains(&hi) {
                    // A surrogate pair: the low half must follow as another \u escape.
                    if self.expect_word("\\u") {
                        let lo = self
                            .hex4()
                            .ok_or_else(|| bad("`\\u` must be followed by four hex digits"))?;
                        if (0xDC00..0xE000).contains(&lo) {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            return char::from_u32(c).ok_or_else(|| bad("invalid surrogate pair"));
                        }
                    }
                    return Err(bad("a lone UTF-16 surrogate in a `\\u` escape"));
                }
                char::from_u32(hi)
                    .ok_or_else(|| bad("a lone UTF-16 surrogate in a `\\u` escape"))?
            }
            _ => {
                return Err(bad(
                    "unknown escape; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                ));
            }
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let d = self.peek()?.to_digit(16)?;
            self.bump();
            v = v * 16 + d;
        }
        Some(v)
    }

    fn number(&mut self) -> Result<String, SyntaxError> {
        let start = self.at;
        let digits = |p: &mut Parser| {
            let from = p.at;
            while matches!(p.peek(), Some('0'..='9')) {
                p.bump();
            }
            p.at > from
        };
        if self.peek() == Some('-') {
            self.bump();
        }
        if !digits(self) {
            return Err(self.error(format!("expected a digit but found {}", self.found())));
        }
        if self.peek() == Some('.') {
            self.bump();
            if !digits(self) {
                return Err(self.error(format!(
                    "expected a digit after `.` but found {}",
                    self.found()
                )));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !digits(self) {
                return Err(self.error(format!(
                    "expected a digit in the exponent but found {}",
                    self.found()
                )));
            }
        }
        Ok(self.chars[start..self.at].iter().collect())
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;

//! Risk conditions: the little boolean language of `risk:` rules.
//!
//! `expr := term ('||' term)*`, `term := factor ('&&' factor)*`,
//! `factor := '!' factor | '(' expr ')' | CHOICE_ID`. Conditions are parsed once when a pack is
//! loaded, their names resolved to choice indices, and evaluated against a selection held as a
//! bit set, which is what makes whole truth tables cheap.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A parsed condition over choice ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expr {
    /// A choice id: true when that choice is selected.
    Var(String),
    Not(Box<Expr>),
    /// Two or more terms, all of which must hold.
    And(Vec<Expr>),
    /// Two or more terms, at least one of which must hold.
    Or(Vec<Expr>),
}

/// A condition that could not be parsed: what is wrong and the character offset where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Offset in characters from the start of the condition.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Whether `c` may appear in a choice id.
pub(crate) fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Not,
    And,
    Or,
    Open,
    Close,
    Id(String),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Not => "`!`".into(),
            Token::And => "`&&`".into(),
            Token::Or => "`||`".into(),
            Token::Open => "`(`".into(),
            Token::Close => "`)`".into(),
            Token::Id(id) => format!("`{id}`"),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let token = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '!' => Token::Not,
            '(' => Token::Open,
            ')' => Token::Close,
            '&' | '|' if chars.get(i + 1) == Some(&c) => {
                i += 1;
                if c == '&' { Token::And } else { Token::Or }
            }
            '&' | '|' => {
                return Err(SyntaxError {
                    offset: i,
                    message: format!("`{c}` must be doubled: write `{c}{c}`"),
                });
            }
            c if is_id_char(c) => {
                while i + 1 < chars.len() && is_id_char(chars[i + 1]) {
                    i += 1;
                }
                Token::Id(chars[start..=i].iter().collect())
            }
            c => {
                return Err(SyntaxError {
                    offset: i,
                    message: format!(
                        "unexpected character `{}`; conditions use choice ids, `!`, `&&`, `||` and parentheses",
                        c.escape_default()
                    ),
                });
            }
        };
        tokens.push((start, token));
        i += 1;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(o, _)| *o)
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, SyntaxError> {
        let mut terms = vec![self.term(depth)?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            terms.push(self.term(depth)?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::Or(terms)
        })
    }

    fn term(&mut self, depth: usize) -> Result<Expr, SyntaxError> {
        let mut factors = vec![self.factor(depth)?];
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            factors.push(self.factor(depth)?);
        }
        Ok(if factors.len() == 1 {
            factors.remove(0)
        } else {
            Expr::And(factors)
        })
    }

    fn factor(&mut self, depth: usize) -> Result<Expr, SyntaxError> {
        // Bounded so that a hostile condition cannot overflow the stack.
        if depth > 64 {
            return Err(SyntaxError {
                offset: self.offset(),
                message: "condition is nested more than 64 levels deep".into(),
            });
        }
        let offset = self.offset();
        match self.tokens.get(self.pos).map(|(_, t)| t.clone()) {
            Some(Token::Not) => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.factor(depth + 1)?)))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let inner = self.expr(depth + 1)?;
                if self.peek() != Some(&Token::Close) {
                    return Err(SyntaxError {
                        offset: self.offset(),
                        message: match self.peek() {
                            Some(t) => format!("expected `)` but found {}", t.describe()),
                            None => "missing `)` at the end of the condition".into(),
                        },
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Token::Id(id)) => {
                self.pos += 1;
                Ok(Expr::Var(id))
            }
            Some(t) => Err(SyntaxError {
                offset,
                message: format!(
                    "expected a choice id, `!` or `(` but found {}",
                    t.describe()
                ),
            }),
            None => Err(SyntaxError {
                offset,
                message: if offset == 0 {
                    "the condition is empty".into()
                } else {
                    "the condition ends too early: a choice id is missing".into()
                },
            }),
        }
    }
}

/// Parses a condition.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: text.chars().count(),
    };
    let expr = parser.expr(0)?;
    if let Some((offset, token)) = parser.tokens.get(parser.pos) {
        return Err(SyntaxError {
            offset: *offset,
            message: format!("unexpected {} after a complete condition", token.describe()),
        });
    }
    Ok(expr)
}

impl Expr {
    /// Every choice id the condition names, in order of appearance (repeats kept).
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Var(id) => out.push(id),
            Expr::Not(e) => e.collect_names(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.collect_names(out)),
        }
    }

    /// Evaluates with a lookup for each name.
    pub fn eval(&self, is_set: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Var(id) => is_set(id),
            Expr::Not(e) => !e.eval(is_set),
            Expr::And(es) => es.iter().all(|e| e.eval(is_set)),
            Expr::Or(es) => es.iter().any(|e| e.eval(is_set)),
        }
    }

    fn fmt_child(&self, f: &mut fmt::Formatter<'_>, parent: &Expr) -> fmt::Result {
        // Parentheses exactly where the grammar needs them to read back the same tree.
        let wrap = match (parent, self) {
            (_, Expr::Var(_)) => false,
            (Expr::Not(_), Expr::Not(_)) => false,
            (Expr::Not(_), _) => true,
            (Expr::And(_) | Expr::Or(_), Expr::Not(_)) => false,
            (Expr::Or(_), Expr::And(_)) => false,
            _ => true,
        };
        if wrap {
            write!(f, "({self})")
        } else {
            write!(f, "{self}")
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Var(id) => f.write_str(id),
            Expr::Not(e) => {
                f.write_str("!")?;
                e.fmt_child(f, self)
            }
            Expr::And(es) | Expr::Or(es) => {
                let op = if matches!(self, Expr::And(_)) {
                    " && "
                } else {
                    " || "
                };
                for (i, e) in es.iter().enumerate() {
                    if i > 0 {
                        f.write_str(op)?;
                    }
                    e.fmt_child(f, self)?;
                }
                Ok(())
            }
        }
    }
}

/// The most choice names one condition may hold, repeats counted. Real AWS lenses use at most
/// 13 and scorps's own export about 400 (thresholds over 14 practices); the bound keeps a
/// hostile pack from making every truth table cost millions of steps per selection.
pub(crate) const MAX_CONDITION_TERMS: usize = 1_000;

impl Expr {
    /// The condition as written, cut to about `max` characters with the count of names left out.
    pub(crate) fn abbreviated(&self, max: usize) -> String {
        let text = self.to_string();
        if text.chars().count() <= max {
            return text;
        }
        let cut: String = text.chars().take(max).collect();
        // Back to the end of the last whole id, so no id is shown cut in half.
        let cut = cut.trim_end_matches(is_id_char).trim_end();
        format!("{cut} … ({} choice names in all)", self.names().len())
    }
}

/// A condition with its names resolved to choice indices, evaluated over a bit set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Compiled {
    Var(u32),
    Not(Box<Compiled>),
    And(Vec<Compiled>),
    Or(Vec<Compiled>),
}

impl Compiled {
    /// Resolves names with `index`; the first unknown name is returned as the error.
    pub fn new(expr: &Expr, index: &dyn Fn(&str) -> Option<u32>) -> Result<Compiled, String> {
        Ok(match expr {
            Expr::Var(id) => Compiled::Var(index(id).ok_or_else(|| id.clone())?),
            Expr::Not(e) => Compiled::Not(Box::new(Compiled::new(e, index)?)),
            Expr::And(es) => Compiled::And(
                es.iter()
                    .map(|e| Compiled::new(e, index))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Or(es) => Compiled::Or(
                es.iter()
                    .map(|e| Compiled::new(e, index))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }

    /// How many nodes the condition has: what evaluating it once costs, at most.
    pub fn size(&self) -> usize {
        match self {
            Compiled::Var(_) => 1,
            Compiled::Not(e) => 1 + e.size(),
            Compiled::And(es) | Compiled::Or(es) => {
                1 + es.iter().map(Compiled::size).sum::<usize>()
            }
        }
    }

    /// Whether the condition holds when the choices whose bits are set in `selected` are true.
    pub fn holds(&self, selected: u32) -> bool {
        match self {
            Compiled::Var(i) => selected & (1 << i) != 0,
            Compiled::Not(e) => !e.holds(selected),
            Compiled::And(es) => es.iter().all(|e| e.holds(selected)),
            Compiled::Or(es) => es.iter().any(|e| e.holds(selected)),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let e = parse("a || !b && c").unwrap();
        assert_eq!(
            e,
            Expr::Or(vec![
                Expr::Var("a".into()),
                Expr::And(vec![
                    Expr::Not(Box::new(Expr::Var("b".into()))),
                    Expr::Var("c".into())
                ]),
            ])
        );
        assert_eq!(e.to_string(), "a || !b && c");
        assert_eq!(parse("(a || b) && c").unwrap().to_string(), "(a || b) && c");
    }

    #[test]
    fn errors_point_at_the_offending_token() {
        let err = parse("a && && b").unwrap_err();
        assert_eq!(
            (err.offset, err.message.as_str()),
            (5, "expected a choice id, `!` or `(` but found `&&`")
        );
        let err = parse("a & b").unwrap_err();
        assert_eq!(
            (err.offset, err.message.as_str()),
            (2, "`&` must be doubled: write `&&`")
        );
        let err = parse("(a || b").unwrap_err();
        assert_eq!(
            (err.offset, err.message.as_str()),
            (7, "missing `)` at the end of the condition")
        );
        let err = parse("a b").unwrap_err();
        assert_eq!(
            (err.offset, err.message.as_str()),
            (2, "unexpected `b` after a complete condition")
        );
        assert_eq!(parse("").unwrap_err().message, "the condition is empty");
        assert_eq!(
            parse("a ||").unwrap_err().message,
            "the condition ends too early: a choice id is missing"
        );
        assert_eq!(parse("a = b").unwrap_err().offset, 2);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(
            parse(&text)
                .unwrap_err()
                .message
                .contains("nested more than 64")
        );
        let text = format!("{}a", "!".repeat(10_000));
        assert!(parse(&text).is_err());
    }

    fn arb_expr() -> impl Strategy<Value = Expr> {
        let leaf = prop::sample::select(vec!["a", "b", "c", "d", "e_no", "f-1"])
            .prop_map(|s| Expr::Var(s.to_string()));
        leaf.prop_recursive(5, 40, 4, |inner| {
            prop_oneof![
                inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
                prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
                prop::collection::vec(inner, 2..4).prop_map(Expr::Or),
            ]
        })
    }

    const NAMES: [&str; 6] = ["a", "b", "c", "d", "e_no", "f-1"];

    proptest! {
        #[test]
        fn parse_of_print_is_identity(e in arb_expr()) {
            let printed = e.to_string();
            prop_assert_eq!(parse(&printed).unwrap(), e);
        }

        #[test]
        fn compiled_evaluation_agrees_with_reference(e in arb_expr(), selected in 0u32..64) {
            let compiled = Compiled::new(&e, &|n| NAMES.iter().position(|x| *x == n).map(|i| i as u32)).unwrap();
            let reference = e.eval(&|n| {
                let i = NAMES.iter().position(|x| *x == n).unwrap();
                selected & (1 << i) != 0
            });
            prop_assert_eq!(compiled.holds(selected), reference);
        }
    }
}

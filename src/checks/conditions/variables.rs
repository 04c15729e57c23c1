//! Policy variables: `${key}`, `${key, 'default'}`, and the three special
//! characters `${*}`, `${?}` and `${$}`.

use std::ops::Range;

/// A well-formed variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    /// From `$` to `}` inclusive, in bytes of the string.
    pub range: Range<usize>,
    pub name: String,
    pub default: Option<String>,
}

impl Var {
    /// `${*}`, `${?}` or `${$}`: a literal character, not a key.
    pub fn is_special(&self) -> bool {
        self.default.is_none() && matches!(self.name.as_str(), "*" | "?" | "$")
    }
}

/// What is wrong with a malformed variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// `${aws:username` with no closing brace.
    MissingBrace,
    /// `${}`.
    Empty,
    /// White space in the key name: `${aws:user name}`, `${ aws:username}`.
    SpaceInName,
    /// A default value not in single quotes: `${aws:username, guest}`.
    UnquotedDefault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    /// The bytes of the string the problem is about.
    pub range: Range<usize>,
    pub problem: Problem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub vars: Vec<Var>,
    pub bad: Vec<Bad>,
}

impl Scan {
    /// Variables that stand for a key (not the special characters).
    pub fn keys(&self) -> impl Iterator<Item = &Var> {
        self.vars.iter().filter(|v| !v.is_special())
    }
    /// Is byte `i` inside a variable (well formed or not)?
    pub fn covers(&self, i: usize) -> bool {
        self.vars.iter().any(|v| v.range.contains(&i))
            || self.bad.iter().any(|b| b.range.contains(&i))
    }
}

/// Finds every `${` of a string and reads the variable it starts.
pub fn scan(s: &str) -> Scan {
    let mut out = Scan::default();
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(off) = s[i..].find("${") {
        let start = i + off;
        let body = start + 2;
        // The key name runs to `}` or `,`.
        let Some(stop) = s[body..].find(['}', ',']).map(|o| body + o) else {
            out.bad.push(Bad {
                range: start..s.len(),
                problem: Problem::MissingBrace,
            });
            break;
        };
        let name = &s[body..stop];
        let mut end = stop; // index of the closing brace
        let mut default = None;
        let mut problem = None;
        // Where to look for the closing brace of a default that is not a
        // single-quoted string (then the default is reported as unquoted).
        let mut unquoted_from = None;
        if b[stop] != b'}' {
            // A default value: `, 'text'`.
            let mut j = stop + 1;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            match (
                b.get(j) == Some(&b'\''),
                s.get(j + 1..).and_then(|r| r.find('\'')),
            ) {
                (true, Some(q)) => {
                    let close = j + 1 + q;
                    default = Some(s[j + 1..close].to_string());
                    let mut k = close + 1;
                    while k < b.len() && b[k] == b' ' {
                        k += 1;
                    }
                    if b.get(k) == Some(&b'}') {
                        end = k;
                    } else {
                        unquoted_from = Some(k);
                    }
                }
                // No opening quote, or an opening quote with no closing one.
                _ => unquoted_from = Some(j),
            }
        }
        if let Some(from) = unquoted_from {
            match s.get(from..).and_then(|r| r.find('}')) {
                Some(o) => {
                    end = from + o;
                    problem = Some(Problem::UnquotedDefault);
                }
                None => {
                    out.bad.push(Bad {
                        range: start..s.len(),
                        problem: Problem::MissingBrace,
                    });
                    break;
                }
            }
        }
        if name.contains("${") {
            // `${${...}`: the first one is never closed.
            let inner = body + name.find("${").unwrap_or(0);
            out.bad.push(Bad {
                range: start..inner,
                problem: Problem::MissingBrace,
            });
            i = inner;
            continue;
        }
        if name.trim().is_empty() && !name.is_empty() || name.chars().any(char::is_whitespace) {
            problem = Some(Problem::SpaceInName);
        } else if name.is_empty() {
            problem = Some(Problem::Empty);
        }
        end += 1;
        match problem {
            Some(p) => out.bad.push(Bad {
                range: start..end,
                problem: p,
            }),
            None => out.vars.push(Var {
                range: start..end,
                name: name.to_string(),
                default,
            }),
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(s: &str) -> Vec<(Problem, &str)> {
        scan(s)
            .bad
            .into_iter()
            .map(|b| (b.problem, &s[b.range]))
            .collect()
    }

    #[test]
    fn well_formed_variables() {
        let s = scan("arn:aws:s3:::bucket/${aws:username}/*");
        assert!(s.bad.is_empty());
        assert_eq!(s.vars.len(), 1);
        assert_eq!(s.vars[0].name, "aws:username");
        assert_eq!(s.vars[0].range, 20..35);
        let s = scan("${aws:PrincipalTag/team, 'company-wide'}");
        assert!(s.bad.is_empty(), "{s:?}");
        assert_eq!(s.vars[0].default.as_deref(), Some("company-wide"));
        let s = scan("${aws:username, 'a default, with } inside'}-x");
        assert!(s.bad.is_empty(), "{s:?}");
        assert_eq!(s.vars[0].range.end, 43);
        let s = scan("a${*}b${?}c${$}d");
        assert_eq!(s.vars.len(), 3);
        assert!(s.vars.iter().all(Var::is_special));
        assert_eq!(s.keys().count(), 0);
        assert!(scan("no variables, $ and { alone").vars.is_empty());
        assert_eq!(scan("${aws:username}${aws:userid}").vars.len(), 2);
    }

    #[test]
    fn malformed_variables() {
        assert_eq!(
            problems("home/${aws:username"),
            [(Problem::MissingBrace, "${aws:username")]
        );
        assert_eq!(problems("x${}y"), [(Problem::Empty, "${}")]);
        assert_eq!(
            problems("${aws:user name}"),
            [(Problem::SpaceInName, "${aws:user name}")]
        );
        assert_eq!(
            problems("${ aws:username}"),
            [(Problem::SpaceInName, "${ aws:username}")]
        );
        assert_eq!(problems("${ }"), [(Problem::SpaceInName, "${ }")]);
        assert_eq!(
            problems("${aws:username, guest}"),
            [(Problem::UnquotedDefault, "${aws:username, guest}")]
        );
        assert_eq!(
            problems("${aws:username, \"guest\"}"),
            [(Problem::UnquotedDefault, "${aws:username, \"guest\"}")]
        );
        assert_eq!(
            problems("${aws:username, 'guest}"),
            [(Problem::UnquotedDefault, "${aws:username, 'guest}")]
        );
        assert_eq!(
            problems("${aws:username, 'guest'"),
            [(Problem::MissingBrace, "${aws:username, 'guest'")]
        );
        assert_eq!(
            problems("${aws:username, 'guest' x}"),
            [(Problem::UnquotedDefault, "${aws:username, 'guest' x}")]
        );
        let s = scan("${${aws:username}");
        assert_eq!(s.bad.len(), 1);
        assert_eq!(s.bad[0].range, 0..2);
        assert_eq!(s.vars.len(), 1);
    }
}

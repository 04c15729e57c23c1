//! Selectors: which nodes of a policy a declarative rule visits.
//!
//! `Statement[*].Principal.AWS[*]` visits every AWS principal. Selectors
//! follow IAM semantics: `[*]` on a value that is not a list visits the value
//! itself (so `Statement` and `Action` may be one value or a list), and
//! `Principal.AWS` also visits `"Principal": "*"`. `*` visits every member of
//! an object, `@keys` visits the keys of an object, `$` is the root.

use crate::json::{Member, Node, Path, PathSeg, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    AnyKey,
    Each,
    Index(usize),
    Keys,
}

#[derive(Debug, Clone)]
pub struct Selector {
    text: String,
    segs: Vec<Seg>,
}

/// What a selector found.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The node selected; `None` when the last key is missing from `parent`.
    pub node: Option<&'a Node>,
    /// The object member the node is the value of, if any.
    pub member: Option<&'a Member>,
    /// The hit is a key (from `@keys`), not a value.
    pub is_key: bool,
    /// The node the last step was taken from.
    pub parent: &'a Node,
    /// For a missing node: the key that is missing.
    pub missing: Option<String>,
    pub path: Path,
    /// The statement the hit is in, if any.
    pub statement: Option<&'a Node>,
}

impl<'a> Hit<'a> {
    /// The text an assertion looks at: a key, or a string value.
    pub fn text(&self) -> Option<&'a str> {
        if self.is_key {
            self.member.map(|m| m.key.as_str())
        } else {
            self.node.and_then(Node::as_str)
        }
    }
}

impl Selector {
    pub fn parse(text: &str) -> Result<Selector, String> {
        let bad = |why: &str| format!("invalid selector `{text}`: {why}");
        if text == "$" {
            return Ok(Selector {
                text: text.into(),
                segs: Vec::new(),
            });
        }
        if text.is_empty() {
            return Err(bad("it is empty"));
        }
        let mut segs = Vec::new();
        for part in text.split('.') {
            let (name, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            match name {
                "" if segs.is_empty() && !rest.is_empty() => {
                    return Err(bad("start with a key, like Statement[*]"))
                }
                "" => return Err(bad("empty step (two dots, or a dot at an end)")),
                "*" => segs.push(Seg::AnyKey),
                "@keys" => segs.push(Seg::Keys),
                n if n.starts_with('@') => {
                    return Err(bad(&format!("unknown step `{n}` (the only one is @keys)")))
                }
                n if n.contains(']') => return Err(bad("`]` without `[`")),
                n => segs.push(Seg::Key(n.to_string())),
            }
            while !rest.is_empty() {
                let close = rest.find(']').ok_or_else(|| bad("`[` without `]`"))?;
                let inner = &rest[1..close];
                if inner == "*" {
                    segs.push(Seg::Each);
                } else {
                    let i = inner
                        .parse::<usize>()
                        .map_err(|_| bad(&format!("`[{inner}]` is neither [*] nor an index")))?;
                    segs.push(Seg::Index(i));
                }
                rest = &rest[close + 1..];
                if !rest.is_empty() && !rest.starts_with('[') {
                    return Err(bad(&format!("unexpected `{rest}` after `]`")));
                }
            }
            if segs.contains(&Seg::Keys) && segs.last() != Some(&Seg::Keys) {
                return Err(bad("@keys must be the last step"));
            }
        }
        Ok(Selector {
            text: text.into(),
            segs,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn eval<'a>(&self, root: &'a Node) -> Vec<Hit<'a>> {
        let mut current = vec![Hit {
            node: Some(root),
            member: None,
            is_key: false,
            parent: root,
            missing: None,
            path: Path::root(),
            statement: None,
        }];
        let last = self.segs.len();
        for (i, seg) in self.segs.iter().enumerate() {
            let is_last = i + 1 == last;
            let mut next = Vec::new();
            for hit in current {
                let Some(node) = hit.node else { continue };
                step(seg, node, &hit, is_last, &mut next);
            }
            current = next;
        }
        current
    }
}

fn step<'a>(seg: &Seg, node: &'a Node, hit: &Hit<'a>, is_last: bool, out: &mut Vec<Hit<'a>>) {
    let child = |n: &'a Node, member: Option<&'a Member>, path: Path| {
        let statement = statement_at(&path, n).or(hit.statement);
        Hit {
            node: Some(n),
            member,
            is_key: false,
            parent: node,
            missing: None,
            path,
            statement,
        }
    };
    match seg {
        Seg::Key(k) => match &node.value {
            Value::Object(members) => {
                // Duplicate keys are their own rule's business; visit the value JSON parsers keep (the last).
                match members.iter().rev().find(|m| &m.key == k) {
                    Some(m) => out.push(child(&m.value, Some(m), hit.path.key(k))),
                    None if is_last => out.push(Hit {
                        node: None,
                        member: None,
                        is_key: false,
                        parent: node,
                        missing: Some(k.clone()),
                        path: hit.path.key(k),
                        statement: statement_at(&hit.path, node).or(hit.statement),
                    }),
                    None => {}
                }
            }
            // IAM: "Principal": "*" is the same as {"AWS": "*"}.
            Value::String(s) if s == "*" && k == "AWS" && is_principal(&hit.path) => {
                out.push(Hit {
                    node: Some(node),
                    member: hit.member,
                    is_key: false,
                    parent: node,
                    missing: None,
                    path: hit.path.clone(),
                    statement: hit.statement,
                })
            }
            _ => {}
        },
        Seg::AnyKey => {
            if let Value::Object(members) = &node.value {
                for m in members {
                    out.push(child(&m.value, Some(m), hit.path.key(&m.key)));
                }
            }
        }
        Seg::Each => match &node.value {
            Value::Array(items) => {
                for (i, n) in items.iter().enumerate() {
                    out.push(child(n, None, hit.path.index(i)));
                }
            }
            _ => out.push(Hit {
                statement: statement_at(&hit.path, node).or(hit.statement),
                ..hit.clone()
            }),
        },
        Seg::Index(i) => {
            if let Some(n) = node.as_array().and_then(|a| a.get(*i)) {
                out.push(child(n, None, hit.path.index(*i)));
            }
        }
        Seg::Keys => {
            if let Value::Object(members) = &node.value {
                for m in members {
                    out.push(Hit {
                        node: Some(&m.value),
                        member: Some(m),
                        is_key: true,
                        parent: node,
                        missing: None,
                        path: hit.path.key(&m.key),
                        statement: statement_at(&hit.path, node).or(hit.statement),
                    });
                }
            }
        }
    }
}

fn is_principal(path: &Path) -> bool {
    matches!(path.0.last(), Some(PathSeg::Key(k)) if k == "Principal" || k == "NotPrincipal")
}

/// A node is a statement when it is an object at `Statement` or `Statement[i]`.
fn statement_at<'a>(path: &Path, node: &'a Node) -> Option<&'a Node> {
    node.as_object()?;
    match path.0.as_slice() {
        [PathSeg::Key(k)] | [PathSeg::Key(k), PathSeg::Index(_)] if k == "Statement" => Some(node),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn paths(sel: &str, json: &str) -> Vec<String> {
        let root = parse(json).unwrap();
        let s = Selector::parse(sel).unwrap();
        s.eval(&root)
            .iter()
            .map(|h| format!("{}{}", h.path, if h.node.is_none() { "?" } else { "" }))
            .collect()
    }

    #[test]
    fn string_or_list_and_statement_object_or_list() {
        let list = r#"{"Statement": [{"Action": "a"}, {"Action": ["b", "c"]}]}"#;
        assert_eq!(
            paths("Statement[*].Action[*]", list),
            [
                "Statement[0].Action",
                "Statement[1].Action[0]",
                "Statement[1].Action[1]"
            ]
        );
        let one = r#"{"Statement": {"Action": ["b"]}}"#;
        assert_eq!(
            paths("Statement[*].Action[*]", one),
            ["Statement.Action[0]"]
        );
    }

    #[test]
    fn principal_star_is_aws_star() {
        let p = r#"{"Statement": [{"Principal": "*"}, {"Principal": {"AWS": "1"}}]}"#;
        assert_eq!(
            paths("Statement[*].Principal.AWS[*]", p),
            ["Statement[0].Principal", "Statement[1].Principal.AWS"]
        );
    }

    #[test]
    fn missing_keys_and_keys() {
        let p = r#"{"Statement": [{"Effect": "Allow"}, {}], "Id": "x"}"#;
        assert_eq!(
            paths("Statement[*].Effect", p),
            ["Statement[0].Effect", "Statement[1].Effect?"]
        );
        assert_eq!(paths("@keys", p), ["Statement", "Id"]);
        assert_eq!(paths("$", p), ["$"]);
    }

    #[test]
    fn bad_selectors_are_refused() {
        for bad in ["", "a..b", "a[", "a[x]", "@foo", "@keys.a", "a]"] {
            assert!(Selector::parse(bad).is_err(), "{bad}");
        }
    }
}

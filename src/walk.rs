//! Which files a run checks: named files always; in directories, `.json`
//! files that look like a policy, request or response.

use crate::document;
use crate::json;
use crate::policy;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Named on the command line: always checked.
    Named(PathBuf),
    /// Found in a directory walk: checked if it looks like a policy input.
    Walked(PathBuf),
    /// `-`: standard input, with the name to report it under.
    Stdin(String),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Named(p) | Input::Walked(p) => p.display().to_string(),
            Input::Stdin(n) => n.clone(),
        }
    }
}

/// Expands the command-line paths in order; directories are walked in sorted
/// order without following links. Errors (a missing path) are returned beside
/// the inputs so that the other files are still checked.
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |inputs: &mut Vec<Input>, input: Input| {
        let key = match &input {
            Input::Named(p) | Input::Walked(p) => p.canonicalize().unwrap_or_else(|_| p.clone()),
            Input::Stdin(_) => PathBuf::from("-"),
        };
        if seen.insert(key) {
            inputs.push(input);
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            push(&mut inputs, Input::Stdin(stdin_name.to_string()));
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| !is_hidden_dir(e.path(), e.depth()));
            for entry in walker {
                match entry {
                    Ok(e)
                        if e.file_type().is_file()
                            && e.path()
                                .extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("json")) =>
                    {
                        {
                            // `ibpolicy check .` reports `a/b.json`, not `./a/b.json`.
                            let path = e.into_path();
                            let shown = match path.strip_prefix(".") {
                                Ok(rest)
                                    if p.as_os_str() == "." && !rest.as_os_str().is_empty() =>
                                {
                                    rest.to_path_buf()
                                }
                                _ => path,
                            };
                            push(&mut inputs, Input::Walked(shown))
                        }
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{}: {e}", p.display())),
                }
            }
        } else if p.exists() || p.is_symlink() {
            push(&mut inputs, Input::Named(p.clone()));
        } else {
            errors.push(format!("{}: no such file or directory", p.display()));
        }
    }
    (inputs, errors)
}

fn is_hidden_dir(path: &Path, depth: usize) -> bool {
    depth > 0
        && path.is_dir()
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

/// Why a walked file is not checked, or `None` to check it.
pub fn skip_reason(text: &str) -> Option<&'static str> {
    let mentions = ["\"statement\"", "\"policy\"", "arn\""];
    let lower = text.to_ascii_lowercase();
    if !mentions.iter().any(|m| lower.contains(m)) {
        return Some("not a policy, request or response (no Statement or policy member)");
    }
    // Invalid JSON that mentions a policy is checked (and reported).
    let Ok(root) = json::parse(text.trim_start_matches('\u{feff}')) else {
        return None;
    };
    if !document::looks_like_policy_input(&root) {
        return Some("not a policy, request or response (no top-level Statement, resource ARN member, or requestId and policy)");
    }
    // (A `statement` in another case is a policy with a typo: checked, and reported.)
    if root.get("Statement").is_some() {
        if is_trust_policy(&root) {
            return Some(
                "a role trust policy (only sts: actions), not a resource policy ibpolicy checks",
            );
        }
        if is_identity_policy(&root) {
            return Some("no statement has a Principal or NotPrincipal, and no resource is an Image Builder ARN (an identity policy)");
        }
    }
    None
}

/// Every action of every statement is an `sts:` action (AssumeRole and friends).
fn is_trust_policy(root: &json::Node) -> bool {
    let statements = policy::statements(root);
    let actions: Vec<_> = statements.iter().flat_map(|s| s.values("Action")).collect();
    !actions.is_empty()
        && actions.iter().all(|a| {
            a.as_str()
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("sts:"))
        })
}

fn is_identity_policy(root: &json::Node) -> bool {
    let statements = policy::statements(root);
    let has_principal = statements
        .iter()
        .any(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some());
    let has_ib = statements
        .iter()
        .flat_map(|s| s.values("Resource"))
        .any(|i| {
            i.as_str()
                .is_some_and(|r| r.starts_with("arn:") && r.contains(":imagebuilder:"))
        });
    !has_principal && !has_ib
}

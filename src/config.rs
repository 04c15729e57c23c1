//! `ibpolicy.toml` (or `.ibpolicy.toml`): which rules run, at what severity,
//! where findings are ignored, and parameters for rules. Found by walking up
//! from the checked file (or the working directory); `--config FILE` names one
//! and `--isolated` uses none.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::RuleError;
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAMES: [&str; 2] = ["ibpolicy.toml", ".ibpolicy.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    no_default_rules: bool,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    ignore_paths: Vec<Spanned<IgnorePath>>,
    #[serde(default)]
    params: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnorePath {
    /// A glob over file paths; every file when absent.
    #[serde(default)]
    file: Option<String>,
    /// A JSON path (`Statement[0].Principal`); findings at or below it are ignored.
    path: String,
    /// Rule ids or prefixes; every rule when absent.
    #[serde(default)]
    rules: Vec<String>,
}

/// A loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (None: the defaults).
    pub file: Option<PathBuf>,
    /// Its directory, canonical: globs match paths relative to it.
    base: Option<PathBuf>,
    /// Its text, to point at rule ids that name no rule.
    text: String,
    /// Rule ids or prefixes to run (empty: all).
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub fail_on: Option<Severity>,
    /// Extra rule directories, relative to the config file's directory.
    pub rules: Vec<PathBuf>,
    pub no_default_rules: bool,
    per_file_ignores: Vec<(GlobMatcher, Vec<String>)>,
    ignore_paths: Vec<(Option<GlobMatcher>, String, Vec<String>)>,
    /// Parameters passed to rules, e.g. `trusted-accounts = ["111122223333"]`.
    pub params: BTreeMap<String, toml::Value>,
}

fn matches_id(id: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|p| p == "ALL" || id.starts_with(p.as_str()))
}

fn glob(pattern: &str) -> Result<GlobMatcher, globset::Error> {
    // A pattern without a slash matches the file name in any directory.
    let full = if pattern.contains('/') {
        pattern.to_string()
    } else {
        format!("**/{pattern}")
    };
    Ok(Glob::new(&full)?.compile_matcher())
}

impl Config {
    /// Loads and validates a config file; every error points into it.
    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            RuleError::new(&name, "", None, format!("cannot read the config file: {e}"))
        })?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Config::parse(&name, &text, dir)
    }

    pub fn parse(name: &str, text: &str, base: &Path) -> Result<Config, RuleError> {
        let err = |span: std::ops::Range<usize>, message: String| {
            RuleError::new(name, text, Some(span), message)
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            RuleError::new(
                name,
                text,
                e.span(),
                format!("invalid config: {}", e.message()),
            )
        })?;
        let id_like = |s: &Spanned<String>| -> Result<String, RuleError> {
            let v = s.get_ref();
            if v == "ALL"
                || (!v.is_empty()
                    && v.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
            {
                Ok(v.clone())
            } else {
                Err(err(
                    s.span(),
                    format!("`{v}` is not a rule id or prefix (like IB0401, IB04 or ALL)"),
                ))
            }
        };
        let mut config = Config {
            file: Some(PathBuf::from(name)),
            base: std::fs::canonicalize(base).ok(),
            text: text.to_string(),
            ..Default::default()
        };
        if let Some(select) = &raw.select {
            config.select = select.iter().map(id_like).collect::<Result<_, _>>()?;
        }
        config.ignore = raw.ignore.iter().map(id_like).collect::<Result<_, _>>()?;
        for (id, sev) in &raw.severity {
            let s: Severity = sev.get_ref().parse().map_err(|m| err(sev.span(), m))?;
            config.severity.insert(id.clone(), s);
        }
        if let Some(f) = &raw.fail_on {
            config.fail_on = Some(f.get_ref().parse().map_err(|m| err(f.span(), m))?);
        }
        config.rules = raw.rules.iter().map(|r| base.join(r)).collect();
        config.no_default_rules = raw.no_default_rules;
        for (pattern, ids) in &raw.per_file_ignores {
            let g = glob(pattern).map_err(|e| {
                let at = text
                    .find(pattern.as_str())
                    .map_or(0..0, |i| i..i + pattern.len());
                err(
                    at,
                    format!("invalid glob `{pattern}` in per-file-ignores: {e}"),
                )
            })?;
            config
                .per_file_ignores
                .push((g, ids.iter().map(id_like).collect::<Result<_, _>>()?));
        }
        for ip in &raw.ignore_paths {
            let v = ip.get_ref();
            let g = match &v.file {
                Some(f) => {
                    Some(glob(f).map_err(|e| err(ip.span(), format!("invalid glob `{f}`: {e}")))?)
                }
                None => None,
            };
            config
                .ignore_paths
                .push((g, v.path.clone(), v.rules.clone()));
        }
        config.params = raw.params;
        Ok(config)
    }

    /// Finds the config for a file: the nearest `ibpolicy.toml` or
    /// `.ibpolicy.toml` in its directory or above.
    pub fn find_for(path: &Path) -> Option<PathBuf> {
        let start = if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        let mut dir = std::fs::canonicalize(&start).ok()?;
        loop {
            for n in FILE_NAMES {
                let p = dir.join(n);
                if p.is_file() {
                    return Some(p);
                }
            }
            if !dir.pop() {
                return None;
            }
        }
    }

    /// Whether the config's `select` and `ignore` let a rule run at all
    /// (per-file and per-path ignores are applied to findings instead).
    pub fn runs(&self, id: &str) -> bool {
        (self.select.is_empty() || matches_id(id, &self.select)) && !matches_id(id, &self.ignore)
    }

    /// Applies the config to one file's findings: drops unselected and
    /// ignored ones, and changes severities.
    pub fn apply(&self, file: &str, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let relative = self.relative(file);
        let path = relative.as_path();
        diags
            .into_iter()
            .filter(|d| self.select.is_empty() || matches_id(&d.rule, &self.select))
            .filter(|d| !matches_id(&d.rule, &self.ignore))
            .filter(|d| {
                !self
                    .per_file_ignores
                    .iter()
                    .any(|(g, ids)| g.is_match(path) && matches_id(&d.rule, ids))
            })
            .filter(|d| {
                let p = d.path.to_string();
                !self.ignore_paths.iter().any(|(g, prefix, ids)| {
                    g.as_ref().is_none_or(|g| g.is_match(path))
                        && (p == *prefix
                            || p.starts_with(&format!("{prefix}."))
                            || p.starts_with(&format!("{prefix}[")))
                        && (ids.is_empty() || matches_id(&d.rule, ids))
                })
            })
            .map(|mut d| {
                if let Some(s) = self
                    .severity
                    .get(&d.rule)
                    .or_else(|| self.severity.get(&d.name))
                {
                    d.severity = *s;
                }
                d
            })
            .collect()
    }

    /// The file's path relative to the config's directory when it is below
    /// it, else as given without a leading `./`.
    fn relative(&self, file: &str) -> PathBuf {
        let given = Path::new(file);
        if let (Some(base), Ok(abs)) = (&self.base, std::fs::canonicalize(given)) {
            if let Ok(rel) = abs.strip_prefix(base) {
                return rel.to_path_buf();
            }
        }
        given.strip_prefix("./").unwrap_or(given).to_path_buf()
    }

    /// Checks that every rule id, prefix and name the config gives matches
    /// a loaded rule: a typo must not silently turn rules off.
    pub fn validate(&self, ids: &[&str], names: &[&str]) -> Result<(), RuleError> {
        let file = self
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        let at = |needle: &str| {
            let quoted = format!("\"{needle}\"");
            self.text
                .find(&quoted)
                .map(|i| i + 1..i + 1 + needle.len())
                .or_else(|| self.text.find(needle).map(|i| i..i + needle.len()))
        };
        let mut patterns: Vec<&String> = self.select.iter().chain(&self.ignore).collect();
        patterns.extend(self.per_file_ignores.iter().flat_map(|(_, ids)| ids));
        patterns.extend(self.ignore_paths.iter().flat_map(|(_, _, ids)| ids));
        for p in patterns {
            if p != "ALL" && !ids.iter().any(|id| id.starts_with(p.as_str())) {
                return Err(RuleError::new(
                    &file,
                    &self.text,
                    at(p),
                    format!("`{p}` matches no rule id (`ibpolicy rules` lists them)"),
                ));
            }
        }
        for key in self.severity.keys() {
            if !ids.contains(&key.as_str()) && !names.contains(&key.as_str()) {
                let hint = crate::engine::did_you_mean(key, ids.iter().chain(names).copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(RuleError::new(
                    &file,
                    &self.text,
                    at(key),
                    format!("`{key}` in [severity] is not a rule id or name{hint}"),
                ));
            }
        }
        Ok(())
    }

    /// A string-list parameter (e.g. `trusted-accounts`).
    pub fn string_list(params: &BTreeMap<String, toml::Value>, name: &str) -> Vec<String> {
        match params.get(name) {
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(toml::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_point_at_their_line() {
        let e = Config::parse(
            "c.toml",
            "select = [\"IB\"]\nignroe = [\"IB0101\"]\n",
            Path::new("."),
        )
        .unwrap_err();
        assert_eq!(e.line_col().unwrap().0, 2);
        assert!(e.message.contains("ignroe"), "{}", e.message);
    }

    #[test]
    fn bad_values_point_at_themselves() {
        let e = Config::parse("c.toml", "[severity]\nIB0101 = \"fatal\"\n", Path::new("."))
            .unwrap_err();
        assert_eq!(e.line_col(), Some((2, 10)));
        let e = Config::parse("c.toml", "ignore = [\"ib0101\"]\n", Path::new(".")).unwrap_err();
        assert_eq!(e.line_col(), Some((1, 11)));
    }
}

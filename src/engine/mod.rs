//! The rule engine: loads rule files, runs every enabled rule over a policy,
//! and runs the rules' own examples.

pub mod assert;
pub mod rule;
pub mod selector;

use crate::arn::Kind;
use crate::diagnostic::{self, Diagnostic, Label, Severity};
use crate::document::{self, Document, PolicyView, Target};
use crate::json::Path;
use crate::policy::{self, Statement};
use crate::source::{Source, Span};
pub use rule::{Check, Rule};
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

/// A native check: reads the context, pushes findings.
pub type NativeFn = fn(&Ctx<'_>, &mut Vec<Finding>);

pub(crate) fn native(name: &str) -> Option<NativeFn> {
    crate::checks::all()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

pub(crate) fn native_names() -> Vec<&'static str> {
    crate::checks::all().map(|(n, _)| *n).collect()
}

/// What a check sees.
pub struct Ctx<'a> {
    pub source: &'a Source,
    pub doc: &'a Document,
    pub policy: Option<PolicyView<'a>>,
    pub statements: Vec<Statement<'a>>,
    /// The kind of resource the policy is for, when known.
    pub kind: Option<Kind>,
    pub target: Option<&'a Target>,
    /// Rule parameters from the configuration (`[params]`).
    pub params: &'a std::collections::BTreeMap<String, toml::Value>,
    /// The rules that run.
    pub rules: &'a RuleSet,
}

impl Ctx<'_> {
    /// Does the rule with this id run (it is loaded and not turned off)?
    pub fn active(&self, id: &str) -> bool {
        self.rules.rules.iter().any(|r| r.id == id)
    }

    /// A finding at a span that is already a file span (e.g. from
    /// `PolicyView::substring`), with a path inside the policy.
    pub fn finding_at(&self, file_span: Span, path: &Path) -> Finding {
        let path = match &self.policy {
            Some(v) => v.file_path(path),
            None => path.clone(),
        };
        Finding::new(file_span, path)
    }

    /// File span and full path of a node inside the policy.
    pub fn at(&self, span: Span, path: &Path) -> (Span, Path) {
        match &self.policy {
            Some(v) => (v.file_span(span), v.file_path(path)),
            None => (span, path.clone()),
        }
    }
    /// A finding on a span and path of the policy document.
    pub fn finding(&self, span: Span, path: &Path) -> Finding {
        let (span, path) = self.at(span, path);
        Finding::new(span, path)
    }
}

/// What a check found, before the rule's metadata is attached.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    /// File span.
    pub span: Span,
    /// Full path from the file's root.
    pub path: Path,
    /// Values for the rule's message template.
    pub vars: Vec<(&'static str, String)>,
    /// Replaces the rule's message.
    pub message: Option<String>,
    /// Replaces the rule's help.
    pub help: Option<String>,
    pub label: Option<String>,
    pub related: Vec<Label>,
}

impl Finding {
    pub fn new(span: Span, path: Path) -> Self {
        Finding {
            span,
            path,
            ..Default::default()
        }
    }
    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }
    pub fn message(mut self, m: impl Into<String>) -> Self {
        self.message = Some(m.into());
        self
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    pub fn help_opt(mut self, h: Option<String>) -> Self {
        if h.is_some() {
            self.help = h;
        }
        self
    }
    pub fn label(mut self, l: impl Into<String>) -> Self {
        self.label = Some(l.into());
        self
    }
    pub fn related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}

/// A rule file that cannot be used; points into the file.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub file: String,
    pub text: String,
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
    named: Box<miette::NamedSource<String>>,
}

impl RuleError {
    pub fn new(
        file: &str,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: String,
    ) -> Self {
        RuleError {
            file: file.to_string(),
            text: text.to_string(),
            span,
            message,
            named: Box::new(miette::NamedSource::new(file, text.to_string()).with_language("toml")),
        }
    }
    /// 1-based line and column of the error, if it has a place.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let s = self.span.as_ref()?;
        let p = Source::new("", self.text.clone()).position(s.start);
        Some((p.line, p.column))
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

impl miette::Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("ibpolicy::rule-file"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.named.as_ref())
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let s = self.span.clone()?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some("here".into()), s.start..s.end.max(s.start)),
        )))
    }
}

/// Options of one check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The ARN a bare policy document is meant for.
    pub arn: Option<String>,
    /// Files larger than this many bytes are not parsed (0: no limit).
    pub max_bytes: usize,
    /// Rule parameters (the configuration's `[params]`).
    pub params: std::collections::BTreeMap<String, toml::Value>,
}

/// The default file size limit: far above any policy (at most 30000
/// characters), far below what would make a run slow.
pub const DEFAULT_MAX_BYTES: usize = 4 << 20;

/// The loaded, compiled rules. Shared (`Arc`): the built-in rules are
/// compiled once per process however many configurations a run meets.
#[derive(Debug, Default, Clone)]
pub struct RuleSet {
    pub rules: Vec<std::sync::Arc<Rule>>,
}

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

impl RuleSet {
    /// The rules embedded in the binary.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (file, text) in builtin::RULES {
            set.add(rule::compile(file, text, true)?, text)?;
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(set)
    }

    /// The built-in rules without their docs and examples: what a check
    /// run needs, and much faster to load.
    pub fn builtin_lean() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (file, text) in builtin::LEAN {
            set.add(rule::compile_as(file, text, true, true)?, text)?;
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(set)
    }

    /// Built-in rules (unless `no_default`), then every `.toml` file below each dir.
    pub fn load(no_default: bool, dirs: &[PathBuf]) -> Result<RuleSet, RuleError> {
        RuleSet::load_as(no_default, dirs, false)
    }

    /// As `load`; with `lean`, the built-in rules come without docs and examples.
    pub fn load_as(no_default: bool, dirs: &[PathBuf], lean: bool) -> Result<RuleSet, RuleError> {
        use std::sync::OnceLock;
        static LEAN: OnceLock<Result<RuleSet, RuleError>> = OnceLock::new();
        static FULL: OnceLock<Result<RuleSet, RuleError>> = OnceLock::new();
        let mut set = match (no_default, lean) {
            (true, _) => RuleSet::default(),
            (false, true) => LEAN.get_or_init(RuleSet::builtin_lean).clone()?,
            (false, false) => FULL.get_or_init(RuleSet::builtin).clone()?,
        };
        for dir in dirs {
            if !dir.is_dir() {
                return Err(RuleError::new(
                    &dir.display().to_string(),
                    "",
                    None,
                    "not a directory of rule files".into(),
                ));
            }
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml")
                })
                .map(|e| e.into_path())
                .collect();
            files.sort();
            for f in files {
                let name = f.display().to_string();
                let text = std::fs::read_to_string(&f).map_err(|e| {
                    RuleError::new(&name, "", None, format!("cannot read rule file: {e}"))
                })?;
                set.add(rule::compile(&name, &text, false)?, &text)?;
            }
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(set)
    }

    fn add(&mut self, rule: Rule, text: &str) -> Result<(), RuleError> {
        if let Some(other) = self
            .rules
            .iter()
            .find(|r| r.id == rule.id || r.name == rule.name)
        {
            let what = if other.id == rule.id {
                format!("id {}", rule.id)
            } else {
                format!("name {}", rule.name)
            };
            let at = text
                .find(if other.id == rule.id {
                    &rule.id
                } else {
                    &rule.name
                })
                .map(|s| s..s + rule.id.len());
            return Err(RuleError::new(
                &rule.file,
                text,
                at,
                format!("{what} is already used by {}", other.file),
            ));
        }
        self.rules.push(std::sync::Arc::new(rule));
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id) || r.name == id)
            .map(|r| r.as_ref())
    }

    /// Checks one file's bytes.
    pub fn check_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        opts: &CheckOptions,
    ) -> (Source, Vec<Diagnostic>) {
        if opts.max_bytes > 0 && bytes.len() > opts.max_bytes {
            let source = Source::new(name, "");
            let problem = document::Problem {
                kind: document::ProblemKind::FileTooLarge,
                span: Span::new(0, 0),
                path: Path::root(),
                message: format!(
                    "the file is larger than {} bytes and was not parsed; a policy is at most {} characters",
                    opts.max_bytes,
                    document::MAX_POLICY_CHARS
                ),
                help: Some("check the right file, or raise the limit with --max-file-size".into()),
            };
            let diags = self.check_source(&source, vec![problem], opts);
            return (source, diags);
        }
        let (source, problems) = document::decode_bytes(name, bytes);
        let diags = self.check_source(&source, problems, opts);
        (source, diags)
    }

    /// Checks one decoded file.
    pub fn check_source(
        &self,
        source: &Source,
        problems: Vec<document::Problem>,
        opts: &CheckOptions,
    ) -> Vec<Diagnostic> {
        let doc = document::analyze(source, problems, opts.arn.as_deref());
        let policy = doc.policy_view(source);
        let statements = policy
            .as_ref()
            .map(|v| policy::statements(v.root))
            .unwrap_or_default();
        let target = doc.target.as_ref();
        let kind = target
            .and_then(|t| t.kind)
            .or_else(|| kind_from_resources(&statements))
            .or_else(|| kind_from_actions(&statements));
        let ctx = Ctx {
            source,
            doc: &doc,
            policy,
            statements,
            kind,
            target,
            params: &opts.params,
            rules: self,
        };
        let mut out = Vec::new();
        for rule in &self.rules {
            if !rule.applies_to.is_empty() && !kind.is_some_and(|k| rule.applies_to.contains(&k)) {
                continue;
            }
            let mut findings = Vec::new();
            match &rule.check {
                Check::Native(f, _) => f(&ctx, &mut findings),
                Check::Declarative(d) => run_declarative(d, &ctx, &mut findings),
            }
            out.extend(
                findings
                    .into_iter()
                    .map(|f| to_diagnostic(rule, &source.name, f)),
            );
        }
        diagnostic::sort(&mut out);
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
        out
    }

    /// Runs every example of every rule (only user rules when `only_user`);
    /// returns one entry per problem, naming the example.
    pub fn run_examples(&self, only_user: bool) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rule in &self.rules {
            if only_user && rule.builtin {
                continue;
            }
            for (i, ex) in rule.examples.iter().enumerate() {
                let example = format!(
                    "{} ({}) example {} [{}]",
                    rule.id,
                    rule.file,
                    i + 1,
                    ex.kind
                );
                let mut fail = |problem: String| {
                    failures.push(ExampleFailure {
                        example: example.clone(),
                        problem,
                    })
                };
                let opts = CheckOptions {
                    arn: ex.arn.clone(),
                    params: ex.params.clone(),
                    ..CheckOptions::default()
                };
                let (source, diags) = self.check_bytes("example.json", ex.input.as_bytes(), &opts);
                let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == rule.id).collect();
                let describe = |d: &Diagnostic| {
                    format!(
                        "{} at {} ({})",
                        d.path,
                        source.position(d.span.start),
                        d.message
                    )
                };
                if ex.kind == "pass" {
                    for d in &mine {
                        fail(format!("should pass but fired at {}", describe(d)));
                    }
                    continue;
                }
                let mut unmatched: Vec<&Diagnostic> = mine.clone();
                for x in &ex.expect {
                    let pos = unmatched.iter().position(|d| {
                        x.path.as_ref().is_none_or(|p| d.path.to_string() == *p)
                            && x.at
                                .as_ref()
                                .is_none_or(|a| source.position(d.span.start).to_string() == *a)
                    });
                    match pos {
                        Some(p) => {
                            unmatched.remove(p);
                        }
                        None => fail(format!(
                            "expected a diagnostic at {}{}; got: [{}]",
                            x.path.as_deref().unwrap_or(""),
                            x.at.as_ref().map(|a| format!(" {a}")).unwrap_or_default(),
                            mine.iter()
                                .map(|d| describe(d))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )),
                    }
                }
                for d in unmatched {
                    fail(format!("unexpected diagnostic at {}", describe(d)));
                }
            }
        }
        failures
    }
}

/// One problem with one rule example.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub example: String,
    pub problem: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.example, self.problem)
    }
}

/// Without a target ARN, the kind comes from the first Image Builder
/// resource ARN of the policy.
fn kind_from_resources(statements: &[Statement<'_>]) -> Option<Kind> {
    statements
        .iter()
        .flat_map(|s| s.values("Resource"))
        .find_map(|i| i.as_str().and_then(document::arn_kind))
}

/// Failing that, from the actions: when every Image Builder action named in
/// full (no wildcard) that applies to exactly one kind agrees on it.
fn kind_from_actions(statements: &[Statement<'_>]) -> Option<Kind> {
    let mut kinds = std::collections::BTreeSet::new();
    for item in statements.iter().flat_map(|s| s.values("Action")) {
        let Some(text) = item.as_str() else { continue };
        if text.contains(['*', '?']) {
            continue;
        }
        for action in crate::imagebuilder::expand(text) {
            if let [k] = action.kinds().as_slice() {
                kinds.insert(*k);
            }
        }
    }
    match kinds.len() {
        1 => kinds.into_iter().next(),
        _ => None,
    }
}

fn run_declarative(d: &rule::Declarative, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(view) = &ctx.policy else { return };
    let target = ctx.target.map(|t| t.arn.as_str());
    let mut hits = Vec::new();
    for sel in &d.selectors {
        hits.extend(
            sel.eval(view.root)
                .into_iter()
                .filter(|h| statement_matches(&d.filter, h.statement))
                .filter(|h| {
                    d.unless_narrowed_by.is_empty()
                        || !h.statement.is_some_and(|st| {
                            let by = |k: &str| {
                                d.unless_narrowed_by
                                    .iter()
                                    .any(|u| u.eq_ignore_ascii_case(k))
                            };
                            policy::narrowing_keys(st).iter().any(|k| by(k))
                                || policy::guarded(st, &ctx.statements, &by)
                        })
                }),
        );
    }
    if let assert::Assertion::Unique = d.assertion {
        let mut first: HashMap<&str, &selector::Hit<'_>> = HashMap::new();
        for h in &hits {
            let Some(text) = h.text() else { continue };
            match first.get(text) {
                Some(prev) => out.push(
                    Finding::new(assert::hit_span(h, view), view.file_path(&h.path))
                        .var("value", text)
                        .related(assert::hit_span(prev, view), "first used here"),
                ),
                None => {
                    first.insert(text, h);
                }
            }
        }
        return;
    }
    let verdicts: Vec<(&selector::Hit<'_>, assert::Verdict)> = hits
        .iter()
        .flat_map(|h| {
            d.assertion
                .judge(h, view, target)
                .into_iter()
                .map(move |v| (h, v))
        })
        .collect();
    let emit = |h: &selector::Hit<'_>, v: &assert::Verdict| {
        let path = match &v.key {
            Some(k) => h.path.key(k),
            None => h.path.clone(),
        };
        let mut f = Finding::new(v.span, view.file_path(&path));
        f.vars = v.vars.clone();
        if let Some(s) = &v.suggestion {
            f.vars.push(("suggestion", s.clone()));
            f.help = Some(format!("did you mean `{s}`?"));
        }
        f
    };
    match d.quantifier {
        rule::Quantifier::All => out.extend(
            verdicts
                .iter()
                .filter(|(_, v)| !v.ok)
                .map(|(h, v)| emit(h, v)),
        ),
        rule::Quantifier::None => out.extend(
            verdicts
                .iter()
                .filter(|(_, v)| v.ok)
                .map(|(h, v)| emit(h, v)),
        ),
        rule::Quantifier::Any => {
            if !verdicts.is_empty() && !verdicts.iter().any(|(_, v)| v.ok) {
                let (h, v) = &verdicts[0];
                out.push(emit(h, v));
            }
        }
    }
}

fn statement_matches(
    filter: &[(String, rule::Filter)],
    statement: Option<&crate::json::Node>,
) -> bool {
    if filter.is_empty() {
        return true;
    }
    let Some(st) = statement else { return false };
    filter.iter().all(|(key, want)| {
        let v = st.get(key);
        match want {
            rule::Filter::Equals(s) => v.and_then(|n| n.as_str()) == Some(s.as_str()),
            rule::Filter::OneOf(list) => v
                .and_then(|n| n.as_str())
                .is_some_and(|x| list.iter().any(|s| s == x)),
            rule::Filter::Present(present) => v.is_some() == *present,
            rule::Filter::NoneMatch(re) => match v {
                None => true,
                Some(n) => policy::items(n, &Path::root())
                    .iter()
                    .all(|i| i.as_str().is_none_or(|t| !re.is_match(t))),
            },
        }
    })
}

fn to_diagnostic(rule: &Rule, file: &str, f: Finding) -> Diagnostic {
    let message = f.message.unwrap_or_else(|| render(&rule.message, &f.vars));
    let help = f
        .help
        .or_else(|| rule.help.as_ref().map(|h| render(h, &f.vars)));
    Diagnostic {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        message,
        help,
        url: Some(rule.source.clone()),
        file: file.to_string(),
        span: f.span,
        path: f.path,
        label: f.label,
        related: f.related,
    }
}

/// Fills `{name}` placeholders; unknown ones are left as written.
pub fn render(template: &str, vars: &[(&'static str, String)]) -> String {
    // One pass over the template: a value that itself contains `{name}` is
    // not expanded again.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after.find('}').and_then(|j| {
            vars.iter()
                .find(|(k, _)| *k == &after[..j])
                .map(|(_, v)| (j, v))
        });
        match value {
            Some((j, v)) => {
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The candidate closest to `word`: equal but for case, or within a small edit distance.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(word) {
            return Some(c);
        }
        let d = strsim::levenshtein(&lower, &c.to_ascii_lowercase());
        let limit = (c.len() / 3).clamp(1, 3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The severity at or above which findings fail a run.
pub fn fails(diags: &[Diagnostic], fail_on: Severity) -> bool {
    diags.iter().any(|d| d.severity >= fail_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_each_placeholder_once() {
        let vars = vec![
            ("value", "{expected}".to_string()),
            ("expected", "x".to_string()),
        ];
        assert_eq!(
            render("`{value}` is not {expected}; {unknown} {", &vars),
            "`{expected}` is not x; {unknown} {"
        );
    }
}

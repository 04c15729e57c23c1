//! A whole `check` run: which config and rules each input gets (found per
//! file, loaded once per config), reading and checking the inputs in
//! parallel, applying each config's filters and the baseline. The command
//! line only turns flags into a `Request` and the `Outcome` into output.

use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::engine::{CheckOptions, RuleError, RuleSet};
use crate::report::{FileResult, Run};
use crate::walk::{self, Input};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to check, and how.
#[derive(Debug, Default)]
pub struct Request {
    /// Files and directories; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// The name standard input is reported under (and its config found by).
    pub stdin_name: String,
    pub arn: Option<String>,
    /// Inputs over this many bytes are reported, not parsed (0: no limit).
    pub max_file_size: usize,
    /// Named files are filtered like walked ones.
    pub only_policies: bool,
    /// No config files.
    pub isolated: bool,
    /// This config file for every input.
    pub config: Option<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub no_default_rules: bool,
    /// Load the built-in rules without docs and examples.
    pub lean: bool,
    pub baseline: Option<Baseline>,
    /// `--fail-on`: wins over every config's `fail-on`.
    pub fail_on: Option<Severity>,
}

/// What a run found.
pub struct Outcome {
    pub run: Run,
    /// Every rule set used (for SARIF's rule metadata).
    pub rule_sets: Vec<Arc<RuleSet>>,
    /// Walked (or `--only-policies`) inputs left out, with the reason.
    pub skipped: Vec<(String, &'static str)>,
}

/// The rules, options and config that apply to the files under one config.
#[derive(Clone)]
struct Engine {
    config: Arc<Config>,
    rules: Arc<RuleSet>,
    opts: Arc<CheckOptions>,
}

enum Done {
    Checked(FileResult),
    Skipped(String, &'static str),
    Error(String),
}

/// Runs a check. A broken rule or config file is an error (nothing is
/// checked); unreadable inputs are listed in the run's `errors`.
pub fn run(req: &Request) -> Result<Outcome, RuleError> {
    let config_for = |path: &Path| -> Option<PathBuf> {
        if req.isolated {
            None
        } else if let Some(c) = &req.config {
            Some(c.clone())
        } else {
            Config::find_for(path)
        }
    };
    let mut engines: HashMap<Option<PathBuf>, Engine> = HashMap::new();
    let mut engine = |cfg: Option<PathBuf>| -> Result<Engine, RuleError> {
        if let Some(e) = engines.get(&cfg) {
            return Ok(e.clone());
        }
        let config = match &cfg {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        let mut dirs = req.rule_dirs.clone();
        dirs.extend(config.rules.iter().cloned());
        let mut rules = RuleSet::load_as(
            req.no_default_rules || config.no_default_rules,
            &dirs,
            req.lean,
        )?;
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        let names: Vec<&str> = rules.rules.iter().map(|r| r.name.as_str()).collect();
        config.validate(&ids, &names)?;
        // Rules the config turns off do not run (and other rules can tell).
        rules.rules.retain(|r| config.runs(&r.id));
        let opts = CheckOptions {
            arn: req.arn.clone(),
            max_bytes: req.max_file_size,
            params: config.params.clone(),
        };
        let e = Engine {
            config: Arc::new(config),
            rules: Arc::new(rules),
            opts: Arc::new(opts),
        };
        engines.insert(cfg, e.clone());
        Ok(e)
    };
    // The working directory's config decides the run's default threshold.
    let run_engine = engine(config_for(Path::new(".")))?;
    let (inputs, mut errors) = walk::collect(&req.paths, &req.stdin_name);
    // Which rules and config each input gets (sequential: it loads and caches them).
    let mut jobs = Vec::with_capacity(inputs.len());
    let mut rule_sets = vec![run_engine.rules.clone()];
    for input in &inputs {
        let path = match input {
            Input::Named(p) | Input::Walked(p) => p.clone(),
            Input::Stdin(_) => PathBuf::from(&req.stdin_name),
        };
        let e = engine(config_for(&path))?;
        if !rule_sets.iter().any(|r| Arc::ptr_eq(r, &e.rules)) {
            rule_sets.push(e.rules.clone());
        }
        jobs.push((input, e));
    }
    // Read and check in parallel; results keep the inputs' order.
    let results: Vec<Done> = jobs
        .par_iter()
        .map(|(input, e)| {
            let bytes = match read_input(input, req.max_file_size) {
                Ok(b) => b,
                Err(err) => return Done::Error(format!("{}: {err}", input.name())),
            };
            if matches!(input, Input::Walked(_)) || req.only_policies {
                if let Some(why) = walk::skip_reason(&String::from_utf8_lossy(&bytes)) {
                    return Done::Skipped(input.name(), why);
                }
            }
            let (source, diagnostics) = e.rules.check_bytes(&input.name(), &bytes, &e.opts);
            let diagnostics = e.config.apply(&input.name(), diagnostics);
            Done::Checked(FileResult {
                source,
                diagnostics,
                // --fail-on wins; otherwise the file's own config decides.
                fail_on: if req.fail_on.is_some() {
                    None
                } else {
                    e.config.fail_on
                },
            })
        })
        .collect();
    let mut budget = req
        .baseline
        .as_ref()
        .map(|b| b.budget())
        .unwrap_or_default();
    let mut files = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Done::Error(e) => errors.push(e),
            Done::Skipped(name, why) => skipped.push((name, why)),
            Done::Checked(mut f) => {
                if let Some(b) = &req.baseline {
                    f.diagnostics = b.filter(std::mem::take(&mut f.diagnostics), &mut budget);
                }
                files.push(f);
            }
        }
    }
    let fail_on = req
        .fail_on
        .or(run_engine.config.fail_on)
        .unwrap_or(Severity::Warning);
    Ok(Outcome {
        run: Run {
            files,
            fail_on,
            errors,
        },
        rule_sets,
        skipped,
    })
}

/// Reads an input, at most `limit + 1` bytes of it (enough to know it is too
/// large) when there is a limit.
pub fn read_input(input: &Input, limit: usize) -> std::io::Result<Vec<u8>> {
    let cap = if limit == 0 {
        u64::MAX
    } else {
        limit as u64 + 1
    };
    let mut buf = Vec::new();
    match input {
        Input::Stdin(_) => {
            std::io::stdin().take(cap).read_to_end(&mut buf)?;
        }
        Input::Named(p) | Input::Walked(p) => {
            // A FIFO, socket or device would block or never end: refuse it.
            let meta = std::fs::metadata(p)?;
            if !meta.is_file() {
                return Err(std::io::Error::other("not a regular file"));
            }
            std::fs::File::open(p)?.take(cap).read_to_end(&mut buf)?;
        }
    }
    Ok(buf)
}

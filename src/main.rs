//! The `ibpolicy` command line. All the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use ibpolicy::arn::{self, Kind};
use ibpolicy::engine::RuleSet;
use ibpolicy::report;
use ibpolicy::runner;
use ibpolicy::Severity;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ibpolicy",
    version,
    about = "Validate and lint EC2 Image Builder resource policies offline",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check policy files, Put*Policy request bodies and Get*Policy responses.
    Check(CheckArgs),
    /// Split ARNs into their parts, or show what is wrong with them.
    Arn(ArnArgs),
    /// Run the examples of every loaded rule (built-in unless --no-default-rules, and those of --rules dirs).
    TestRules(RuleArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) on standard output.
    Man,
    /// Show a rule's documentation and examples.
    Explain {
        /// Rule id (IB0401) or name.
        rule: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

#[derive(clap::Args, Clone)]
struct RuleArgs {
    /// Add the rules of this directory (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Leave out the built-in rules.
    #[arg(long)]
    no_default_rules: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check; `-` reads standard input. Default: `.`,
    /// or standard input when --stdin-filename is given.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when a finding is at or above this severity [default: warning, or the config's fail-on].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Use this configuration file instead of searching for ibpolicy.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    isolated: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record all of this run's findings in FILE (the run then exits 0 unless an input could not be read).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// The ARN a bare policy document is for (its kind follows from it).
    #[arg(long, value_name = "ARN")]
    arn: Option<String>,
    /// The name to report standard input under (reads standard input when no path is given).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Files larger than this many bytes are reported, not parsed (0: no limit).
    #[arg(long, value_name = "BYTES", default_value_t = ibpolicy::engine::DEFAULT_MAX_BYTES)]
    max_file_size: usize,
    /// Check named files only when they look like a policy, request or
    /// response, as a directory walk does (for hooks that pass every .json file).
    #[arg(long)]
    only_policies: bool,
    /// Say which files a directory walk skipped, and why.
    #[arg(long, short)]
    verbose: bool,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct ArnArgs {
    /// ARNs to split.
    #[arg(required = true)]
    arns: Vec<String>,
    /// Check against the Put*Policy API of this kind (default: the ARN's own resource type).
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
}

#[derive(clap::Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Gitlab,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Image,
    Component,
    ImageRecipe,
    ContainerRecipe,
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Arn(args) => arn_cmd(args),
        Command::TestRules(args) => test_rules(args),
        Command::Rules(args) => list_rules(args),
        Command::Explain { rule, rules } => explain(&rule, rules),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "ibpolicy", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
    }
}

/// Colour on a terminal unless `NO_COLOR` is set to a non-empty value
/// (<https://no-color.org>).
fn color_for(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn load_rules(args: &RuleArgs) -> Result<RuleSet, ExitCode> {
    load_rules_as(args, false)
}

/// Loads the rules; a broken rule file is reported on stderr (and, for
/// `--format json`, as a JSON envelope on stdout) and exits 2.
fn load_rules_as(args: &RuleArgs, json: bool) -> Result<RuleSet, ExitCode> {
    RuleSet::load(args.no_default_rules, &args.dirs).map_err(|e| report_rule_error(&e, json))
}

/// Prints a rule-file or config-file error (and, for machine formats, a JSON
/// envelope on stdout); the run exits 2.
fn report_rule_error(e: &ibpolicy::engine::RuleError, json: bool) -> ExitCode {
    {
        let handler =
            report::human::handler(color_for(std::io::stderr().is_terminal())).with_width(4096);
        let mut s = String::new();
        if handler.render_report(&mut s, e).is_err() || e.span.is_none() {
            s = format!("error: {e}\n");
        }
        eprint!("{s}");
        if json {
            let (line, column) = e.line_col().unwrap_or((0, 0));
            let v = serde_json::json!({
                "success": false,
                "error": {
                    "code": "RULE_ERROR",
                    "message": e.message,
                    "file": e.file,
                    "line": line,
                    "column": column,
                }
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        ExitCode::from(EXIT_USAGE)
    }
}

fn check(mut args: CheckArgs) -> ExitCode {
    if let Some(a) = &args.arn {
        let issues = match ibpolicy::document::arn_kind(a) {
            Some(kind) => arn::check_target(a, kind),
            None => vec![arn::ArnIssue {
                message: "--arn must be an Image Builder image, component, image-recipe or container-recipe ARN".into(),
                range: 0..a.len(),
                help: None,
            }],
        };
        if !issues.is_empty() {
            for i in issues {
                eprintln!("error: --arn {a}: {}", i.message);
            }
            return ExitCode::from(EXIT_USAGE);
        }
    }
    if args.paths.is_empty() {
        args.paths
            .push(PathBuf::from(if args.stdin_filename.is_some() {
                "-"
            } else {
                "."
            }));
    }
    let baseline = match &args.baseline {
        Some(p) => match ibpolicy::baseline::Baseline::read(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
        None => None,
    };
    let request = runner::Request {
        paths: args.paths.clone(),
        stdin_name: args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string()),
        arn: args.arn.clone(),
        max_file_size: args.max_file_size,
        only_policies: args.only_policies,
        isolated: args.isolated,
        config: args.config.clone(),
        rule_dirs: args.rules.dirs.clone(),
        no_default_rules: args.rules.no_default_rules,
        // A check run needs no docs or examples, except for SARIF's rule help.
        lean: !matches!(args.format, Format::Sarif),
        baseline,
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }),
    };
    let outcome = match runner::run(&request) {
        Ok(o) => o,
        // A broken rule or config file is also reported as a JSON envelope for
        // --format json (a SARIF consumer would choke on it: stderr only).
        Err(e) => return report_rule_error(&e, matches!(args.format, Format::Json)),
    };
    if args.verbose {
        for (name, why) in &outcome.skipped {
            eprintln!("skipped {name}: {why}");
        }
    }
    let run = outcome.run;
    let rule_sets = outcome.rule_sets;
    let errors = run.errors.clone();
    if let Some(path) = &args.write_baseline {
        let b =
            ibpolicy::baseline::Baseline::from_diagnostics(run.diagnostics().map(|(_, d)| d), path);
        if let Err(e) = b.write(path) {
            eprintln!("error: cannot write the baseline {}: {e}", path.display());
            return ExitCode::from(EXIT_USAGE);
        }
        eprintln!(
            "wrote {} finding(s) to the baseline {}",
            b.findings.len(),
            path.display()
        );
        for e in &errors {
            eprintln!("error: {e}");
        }
        return if errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_USAGE)
        };
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && color_for(true),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Human => report::human::write(&run, color, &mut out),
        Format::Short => report::short::write(&run, &mut out),
        Format::Json => report::json::write(&run, &mut out),
        Format::Sarif => report::sarif::write(
            &run,
            &rule_sets.iter().map(|r| r.as_ref()).collect::<Vec<_>>(),
            &mut out,
        ),
        Format::Github => report::github::write(&run, &mut out),
        Format::Gitlab => report::gitlab::write(&run, &mut out),
    };
    let _ = out.flush();
    if !matches!(args.format, Format::Human) {
        for e in &errors {
            eprintln!("error: {e}");
        }
    }
    if written.is_err() || !errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if run.failed() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn arn_cmd(args: ArnArgs) -> ExitCode {
    let mut bad = false;
    let handler = report::human::handler(color_for(std::io::stdout().is_terminal()));
    for text in &args.arns {
        let kind = args.kind.map(|k| match k {
            KindArg::Image => Kind::Image,
            KindArg::Component => Kind::Component,
            KindArg::ImageRecipe => Kind::ImageRecipe,
            KindArg::ContainerRecipe => Kind::ContainerRecipe,
        });
        let parsed = arn::parse(text);
        let kind = kind.or_else(|| ibpolicy::document::arn_kind(text));
        let issues = match (&parsed, kind) {
            (Err(e), _) => vec![e.clone()],
            (Ok(_), Some(k)) => arn::check_target(text, k),
            (Ok(_), None) => vec![],
        };
        println!("{text}");
        if let Ok(a) = &parsed {
            println!("  partition  {}", a.partition.text);
            println!("  service    {}", a.service.text);
            println!("  region     {}", a.region.text);
            println!("  account    {}", a.account.text);
            println!("  resource   {}", a.resource.text);
            if a.service.text == "imagebuilder" {
                let r = arn::split_resource(a);
                println!("    type     {}", r.resource_type.text);
                if let Some(n) = &r.name {
                    println!("    name     {}", n.text);
                }
                if let Some(v) = &r.version {
                    println!("    version  {}", v.text);
                }
                if let Some(b) = &r.build {
                    println!("    build    {}", b.text);
                }
            }
            match kind {
                Some(k) if issues.is_empty() => println!("  valid for {}", k.api()),
                Some(k) => println!("  not valid for {}:", k.api()),
                None => println!(
                    "  (not an image, component, image-recipe or container-recipe ARN: parts only)"
                ),
            }
        }
        for i in &issues {
            bad = true;
            let d = ibpolicy::Diagnostic {
                rule: "IB0201".into(),
                name: "invalid-target-arn".into(),
                severity: Severity::Error,
                message: i.message.clone(),
                help: i.help.clone(),
                url: None,
                file: "ARN".into(),
                span: ibpolicy::source::Span::new(i.range.start, i.range.end),
                path: Default::default(),
                label: Some("here".into()),
                related: vec![],
            };
            let src = ibpolicy::source::Source::new("ARN", text.clone());
            print!("{}", report::human::render_one(&handler, &src, &d));
        }
        println!();
    }
    if bad {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn test_rules(args: RuleArgs) -> ExitCode {
    let rules = match load_rules(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let failures = rules.run_examples(false);
    let examples: usize = rules.rules.iter().map(|r| r.examples.len()).sum();
    let failed = failures
        .iter()
        .map(|f| &f.example)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    for f in &failures {
        println!("FAIL {}: {}", f.example, f.problem);
    }
    println!(
        "{} rules, {examples} examples: {} passed, {failed} failed",
        rules.rules.len(),
        examples - failed
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}

fn list_rules(args: RulesArgs) -> ExitCode {
    let rules = match load_rules(&args.rules) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match args.format {
        ListFormat::Text => {
            for r in &rules.rules {
                println!(
                    "{:<7} {:<8} {:<13} {:<36} {}",
                    r.id, r.severity, r.category, r.name, r.summary
                );
            }
        }
        ListFormat::Markdown => print!("{}", ibpolicy::catalogue::markdown(&rules)),
        ListFormat::Json => {
            let list: Vec<_> = rules
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "severity": r.severity, "category": r.category,
                        "applies-to": r.applies_to.iter().map(|k| k.name()).collect::<Vec<_>>(),
                        "summary": r.summary, "source": r.source, "file": r.file, "covers": r.covers,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
    ExitCode::SUCCESS
}

fn explain(id: &str, args: RuleArgs) -> ExitCode {
    let rules = match load_rules(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let Some(r) = rules.get(id) else {
        let names = rules
            .rules
            .iter()
            .flat_map(|r| [r.id.as_str(), r.name.as_str()]);
        let hint = ibpolicy::engine::did_you_mean(id, names)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        eprintln!("error: no rule `{id}`{hint} (`ibpolicy rules` lists them)");
        return ExitCode::from(EXIT_USAGE);
    };
    println!("# {} {} ({}, {})\n", r.id, r.name, r.severity, r.category);
    println!("{}\n", r.summary);
    if !r.applies_to.is_empty() {
        println!(
            "Applies to: {}\n",
            r.applies_to
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!("{}", r.docs.trim());
    println!("\nSource: {}", r.source);
    for ex in &r.examples {
        println!("\n## Example ({})\n", ex.kind);
        if let Some(a) = &ex.arn {
            println!("--arn {a}\n");
        }
        println!("```json\n{}\n```", ex.input.trim_end());
    }
    ExitCode::SUCCESS
}

//! Rendered with miette: the rule id, the message, the source line with a
//! label under the offending token, and the help.

use super::Run;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::Write;

struct Render<'a> {
    d: &'a Diagnostic,
    src: Named<'a>,
}

/// Source text with the file's name, for miette's header.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.to_string(),
                inner.data(),
                *inner.span(),
                inner.line(),
                inner.column(),
                inner.line_count(),
            )
            .with_language("json"),
        ))
    }
}

impl fmt::Debug for Render<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Render<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Render<'_> {}

impl miette::Diagnostic for Render<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.d.rule, self.d.name)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        None
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.d;
        let main = LabeledSpan::new_primary_with_span(
            Some(d.label.clone().unwrap_or_else(|| d.path.to_string())),
            d.span.start..d.span.end,
        );
        let rest = d
            .related
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), l.span.start..l.span.end));
        Some(Box::new(std::iter::once(main).chain(rest)))
    }
}

pub fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100)
}

pub fn render_one(handler: &GraphicalReportHandler, source: &Source, d: &Diagnostic) -> String {
    let r = Render {
        d,
        src: Named {
            name: &d.file,
            text: &source.text,
        },
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &r).is_err() {
        s = format!("{}[{}] {}\n", d.severity, d.rule, d.message);
    }
    s
}

pub fn write(run: &Run, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let h = handler(color);
    for (source, d) in run.diagnostics() {
        write!(out, "{}", render_one(&h, source, d))?;
        writeln!(out)?;
    }
    let verdict = if run.failed() { "✗" } else { "✓" };
    writeln!(out, "{verdict} {}", run.summary())
}

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

/// Source text with the file's name, for miette's header. Context is cut
/// with the line index (not by scanning the text for each finding), and a long
/// line (minified JSON) is shown as a window around the span.
struct Named<'a> {
    name: &'a str,
    source: &'a Source,
}

/// How much of a long line to show on each side of a span, in bytes.
const WINDOW: usize = 60;
/// Lines longer than this are shown as a window.
const LONG_LINE: usize = 160;

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.source.text.as_str();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len()).max(start);
        let first = self.source.line_of(start);
        let last = self.source.line_of(end.saturating_sub(1).max(start));
        let (line_start, line_end) = self.source.line_bounds(first);
        if before == 0 && after == 0 {
            // miette asks this for the header's line:column: describe the span itself.
            let column = self.source.position(start).column - 1;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[start..end],
                (start, end - start).into(),
                first,
                column,
                last - first + 1,
            )));
        }
        let (data_start, data_end, line, column, count) =
            if first == last && line_end - line_start > LONG_LINE {
                let from = floor_boundary(text, start.saturating_sub(WINDOW).max(line_start));
                let to = ceil_boundary(text, (end + WINDOW).min(line_end));
                let column = text[line_start..from].chars().count();
                (from, to, first, column, 1)
            } else {
                let top = first.saturating_sub(before);
                let bottom = (last + after).min(self.source.line_count() - 1);
                let from = self.source.line_bounds(top).0;
                let to = self.source.line_bounds(bottom).1;
                (from, to, top, 0, bottom - top + 1)
            };
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[data_start..data_end],
                (data_start, data_end - data_start).into(),
                line,
                column,
                count,
            )
            .with_language("json"),
        ))
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
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
            source,
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
    for e in &run.errors {
        writeln!(out, "error: {e}")?;
    }
    let verdict = if run.unsuccessful() { "✗" } else { "✓" };
    writeln!(out, "{verdict} {}", run.summary())
}

//! Source text, line index, and the mapping of spans inside an embedded
//! (escaped) JSON string back to the characters of the outer file.

use std::fmt;

/// A byte range `[start, end)` in some text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// A sub-span given relative to the start of this one, clamped to it.
    pub fn sub(&self, start: usize, end: usize) -> Span {
        let s = (self.start + start).min(self.end);
        let e = (self.start + end).min(self.end);
        Span::new(s, e)
    }
}

/// A 1-based line, 1-based column counted in characters, and 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The text of one input with its name and a line index.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// An ASCII text has byte columns equal to character columns.
    ascii: bool,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        // Lines end at `\n`, `\r\n`, or a lone `\r` (old Mac files), as editors count them.
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        let ascii = text.is_ascii();
        Source {
            name: name.into(),
            text,
            line_starts,
            ascii,
        }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }
    /// Byte range of a 0-based line, without its line break.
    pub fn line_bounds(&self, line: usize) -> (usize, usize) {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |n| n - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end.max(start))
    }
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Position of a byte offset. Offsets that are past the end or inside a
    /// multi-byte character are moved back to the nearest character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = if self.ascii {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        } + 1;
        Position {
            line: line + 1,
            column,
            offset,
        }
    }
}

/// Maps byte offsets of a decoded string back to byte offsets of the raw
/// string token it was decoded from, in the outer file.
#[derive(Debug, Clone, Default)]
pub struct EmbeddedMap {
    /// For every decoded byte: where its character starts in the outer file.
    starts: Vec<usize>,
    /// For every decoded byte: where its character's escape ends in the outer file.
    ends: Vec<usize>,
    /// Outer offset of the closing quote of the raw token.
    close: usize,
}

impl EmbeddedMap {
    pub fn map(&self, span: Span) -> Span {
        let start = self.start(span.start);
        let end = if span.end <= span.start {
            start
        } else {
            self.ends.get(span.end - 1).copied().unwrap_or(self.close)
        };
        Span::new(start, end)
    }
    fn start(&self, offset: usize) -> usize {
        self.starts.get(offset).copied().unwrap_or(self.close)
    }
}

/// How spans of a document relate to the file it came from.
#[derive(Debug, Clone, Default)]
pub enum SpanMap {
    /// The document is the file: spans are file spans.
    #[default]
    Identity,
    /// The document was decoded from a JSON string inside the file.
    Embedded(EmbeddedMap),
}

impl SpanMap {
    pub fn to_file(&self, span: Span) -> Span {
        match self {
            SpanMap::Identity => span,
            SpanMap::Embedded(m) => m.map(span),
        }
    }
}

/// Decodes the raw text of a JSON string token (with its quotes) that starts at
/// byte `base` of the outer file, returning the decoded text and the map from
/// decoded offsets to outer offsets. Returns `None` if the token is not a valid
/// JSON string (the JSON layer has already rejected such input).
///
/// A `"` written as `\"` maps to the quote character itself, so that a string
/// token inside an embedded document starts at its visible opening quote.
pub fn decode_json_string(raw: &str, base: usize) -> Option<(String, EmbeddedMap)> {
    let bytes = raw.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'"' || bytes[bytes.len() - 1] != b'"' {
        return None;
    }
    let body_end = bytes.len() - 1;
    let mut out = String::with_capacity(body_end);
    let mut starts = Vec::with_capacity(body_end);
    let mut ends = Vec::with_capacity(body_end);
    let mut i = 1;
    while i < body_end {
        let (ch, len, visible) = if bytes[i] == b'\\' {
            let esc = *bytes.get(i + 1)?;
            match esc {
                b'"' => ('"', 2, 1),
                b'\\' => ('\\', 2, 0),
                b'/' => ('/', 2, 0),
                b'b' => ('\u{8}', 2, 0),
                b'f' => ('\u{c}', 2, 0),
                b'n' => ('\n', 2, 0),
                b'r' => ('\r', 2, 0),
                b't' => ('\t', 2, 0),
                b'u' => {
                    let hi = hex4(raw.get(i + 2..i + 6)?)?;
                    if (0xD800..0xDC00).contains(&hi) {
                        if raw.get(i + 6..i + 8)? != "\\u" {
                            return None;
                        }
                        let lo = hex4(raw.get(i + 8..i + 12)?)?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return None;
                        }
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        (char::from_u32(c)?, 12, 0)
                    } else {
                        (char::from_u32(hi)?, 6, 0)
                    }
                }
                _ => return None,
            }
        } else {
            let c = raw[i..].chars().next()?;
            (c, c.len_utf8(), 0)
        };
        for _ in 0..ch.len_utf8() {
            starts.push(base + i + visible);
            ends.push(base + i + len);
        }
        out.push(ch);
        i += len;
    }
    Some((
        out,
        EmbeddedMap {
            starts,
            ends,
            close: base + body_end,
        },
    ))
}

fn hex4(s: &str) -> Option<u32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(s, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let s = Source::new("t", "ab\néx\r\ny");
        assert_eq!(
            s.position(0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        assert_eq!(
            s.position(3),
            Position {
                line: 2,
                column: 1,
                offset: 3
            }
        );
        assert_eq!(
            s.position(5),
            Position {
                line: 2,
                column: 2,
                offset: 5
            }
        );
        assert_eq!(
            s.position(8),
            Position {
                line: 3,
                column: 1,
                offset: 8
            }
        );
        // inside the two-byte é: moved back to its start
        assert_eq!(s.position(4).column, 1);
    }

    #[test]
    fn decode_maps_escapes_back() {
        let raw = r#""a\"b\u00e9\\c""#;
        let (text, map) = decode_json_string(raw, 10).unwrap();
        assert_eq!(text, "a\"bé\\c");
        // 'a' is at outer 11
        assert_eq!(map.map(Span::new(0, 1)), Span::new(11, 12));
        // the escaped quote maps to the quote itself, ending after it
        assert_eq!(map.map(Span::new(1, 2)), Span::new(13, 14));
        // é (two decoded bytes) maps to the whole \u00e9 escape
        assert_eq!(map.map(Span::new(3, 5)), Span::new(15, 21));
        // the end of the text maps to the closing quote
        assert_eq!(map.map(Span::new(7, 7)), Span::new(24, 24));
    }

    #[test]
    fn decode_surrogate_pair() {
        let raw = r#""\ud83d\ude00x""#;
        let (text, map) = decode_json_string(raw, 0).unwrap();
        assert_eq!(text, "\u{1F600}x");
        assert_eq!(map.map(Span::new(0, 4)), Span::new(1, 13));
        assert_eq!(map.map(Span::new(4, 5)), Span::new(13, 14));
        assert!(decode_json_string(r#""\ud800""#, 0).is_none());
    }
}

#[cfg(test)]
mod line_break_tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_too() {
        let s = Source::new("t", "a\rbc\r\nd\ne");
        assert_eq!(
            s.position(2),
            Position {
                line: 2,
                column: 1,
                offset: 2
            }
        );
        assert_eq!(
            s.position(6),
            Position {
                line: 3,
                column: 1,
                offset: 6
            }
        );
        assert_eq!(
            s.position(8),
            Position {
                line: 4,
                column: 1,
                offset: 8
            }
        );
        assert_eq!(s.line_bounds(1), (2, 4));
    }
}

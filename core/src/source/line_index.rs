//! Byte offsets to positions: (line, column in chars) for people, UTF-16 for LSP and CodeMirror,
//! and saphyr's char-counted markers back to bytes.
//!
//! Built once per text in O(n). Queries are binary searches over the line starts and over the
//! multi-byte characters (none for ASCII text, which makes every conversion trivial).
//! `\r\n`, `\n` and a lone `\r` end a line (as in YAML, LSP and CodeMirror); columns never count
//! the line terminator, nor a UTF-8 byte order mark (editors hide it), but `utf16_offset` does
//! count it, as it is a code unit of the string.

/// One character that takes more than one UTF-8 byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    /// Byte offset of the character.
    offset: u32,
    /// UTF-8 length (2 to 4).
    len: u8,
    /// Bytes minus chars over all wide characters before this one.
    char_deficit: u32,
    /// Bytes minus UTF-16 units over all wide characters before this one.
    utf16_deficit: u32,
}

impl Wide {
    fn char_deficit_after(self) -> u32 {
        self.char_deficit + u32::from(self.len) - 1
    }

    fn utf16_deficit_after(self) -> u32 {
        // 2- and 3-byte chars are one UTF-16 unit, 4-byte chars two.
        let units = if self.len == 4 { 2 } else { 1 };
        self.utf16_deficit + u32::from(self.len) - units
    }

    /// Char index of this character.
    fn char_index(self) -> u32 {
        self.offset - self.char_deficit
    }
}

/// Line starts and multi-byte characters of one text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    /// Byte offset of each line start; the first is 0.
    starts: Vec<u32>,
    /// The (0-based) lines that end in `\r\n`, ascending: a line ends one byte before the next
    /// starts, two for these (usually none, so a line costs one offset, not two).
    crlf: Vec<u32>,
    wide: Vec<Wide>,
    len: u32,
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl LineIndex {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut crlf = Vec::new();
        if text.is_ascii() {
            // No wide characters: only the line terminators, found a word at a time.
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' {
                    // The `\n` of a `\r\n` was handled with its `\r`.
                    if i > 0 && bytes[i - 1] == b'\r' {
                        continue;
                    }
                } else if bytes.get(i + 1) == Some(&b'\n') {
                    crlf.push(to_u32(starts.len() - 1));
                    starts.push(to_u32(i + 2));
                    continue;
                }
                starts.push(to_u32(i + 1));
            }
            return Self { starts, crlf, wide: Vec::new(), len: to_u32(bytes.len()) };
        }
        let mut wide = Vec::new();
        let (mut char_deficit, mut utf16_deficit) = (0u32, 0u32);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                match b {
                    b'\n' => starts.push(to_u32(i + 1)),
                    b'\r' => {
                        if bytes.get(i + 1) == Some(&b'\n') {
                            crlf.push(to_u32(starts.len() - 1));
                            i += 1;
                        }
                        starts.push(to_u32(i + 1));
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            let len: u8 = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let w = Wide { offset: to_u32(i), len, char_deficit, utf16_deficit };
            char_deficit = w.char_deficit_after();
            utf16_deficit = w.utf16_deficit_after();
            wide.push(w);
            i += usize::from(len);
        }
        // A byte order mark is not a column: line 1 starts after it.
        if text.starts_with('\u{feff}')
            && let Some(first) = starts.first_mut()
        {
            *first = 3;
        }
        Self { starts, crlf, wide, len: to_u32(bytes.len()) }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Length of the indexed text in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True for an empty text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset of the end of a 0-based line, before its terminator.
    fn end(&self, line: usize) -> u32 {
        match self.starts.get(line + 1) {
            None => self.len,
            Some(&next) => {
                let terminator = if self.crlf.binary_search(&to_u32(line)).is_ok() { 2 } else { 1 };
                next.saturating_sub(terminator)
            }
        }
    }

    /// 0-based line of a byte offset.
    fn line0(&self, offset: u32) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The offset clamped to its line's content (a column never counts `\r` or `\n`, nor a
    /// byte order mark).
    fn clamp_to_line(&self, offset: u32) -> (usize, u32) {
        let offset = offset.min(self.len);
        let line = self.line0(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = self.end(line);
        (line, offset.min(end).max(start))
    }

    /// Wide characters that start before `offset`.
    fn wide_before(&self, offset: u32) -> Option<Wide> {
        let k = self.wide.partition_point(|w| w.offset < offset);
        k.checked_sub(1).and_then(|k| self.wide.get(k).copied())
    }

    fn chars_before(&self, offset: u32) -> u32 {
        offset.saturating_sub(self.wide_before(offset).map_or(0, Wide::char_deficit_after))
    }

    fn utf16_before(&self, offset: u32) -> u32 {
        offset.saturating_sub(self.wide_before(offset).map_or(0, Wide::utf16_deficit_after))
    }

    /// 1-based line and 1-based column (in Unicode chars) of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let (line, offset) = self.clamp_to_line(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = self.chars_before(offset).saturating_sub(self.chars_before(start));
        (to_u32(line + 1), col + 1)
    }

    /// 0-based UTF-16 column of a byte offset (LSP `Position.character`). The line is
    /// `line_col(offset).0 - 1`.
    #[must_use]
    pub fn utf16_col(&self, offset: u32) -> u32 {
        let (line, offset) = self.clamp_to_line(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        self.utf16_before(offset).saturating_sub(self.utf16_before(start))
    }

    /// UTF-16 offset from the start of the text (CodeMirror positions).
    #[must_use]
    pub fn utf16_offset(&self, offset: u32) -> u32 {
        self.utf16_before(offset.min(self.len))
    }

    /// Byte offset of a 1-based `line` and a 0-based column in chars (saphyr's `Marker::line()`
    /// and `Marker::col()`). Out-of-range values are clamped to the text and the line.
    #[must_use]
    pub fn offset(&self, line: u32, char_col: u32) -> usize {
        let line = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = self.end(line);
        let target = self.chars_before(start).saturating_add(char_col);
        (self.char_to_byte_u32(target)).min(end) as usize
    }

    /// Byte offset of a char index (saphyr's `Marker::index()`), clamped to the text length.
    #[must_use]
    pub fn char_to_byte(&self, char_index: usize) -> usize {
        self.char_to_byte_u32(to_u32(char_index)) as usize
    }

    fn char_to_byte_u32(&self, char_index: u32) -> u32 {
        if self.wide.is_empty() {
            return char_index.min(self.len);
        }
        let k = self.wide.partition_point(|w| w.char_index() < char_index);
        let deficit =
            k.checked_sub(1).and_then(|k| self.wide.get(k)).map_or(0, |w| w.char_deficit_after());
        char_index.saturating_add(deficit).min(self.len)
    }

    /// Byte offset where a 1-based line starts.
    #[must_use]
    pub fn line_start(&self, line: u32) -> usize {
        let line = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        self.starts.get(line).copied().unwrap_or(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path finds the same lines as the general loop (forced by a trailing
    /// non-ASCII char), for every text of up to 7 bytes over `a`, `\r`, `\n`.
    #[test]
    fn ascii_fast_path_matches_the_general_loop() {
        let alphabet = ['a', '\r', '\n'];
        for len in 0..=7u32 {
            for mut code in 0..3usize.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(alphabet[code % 3]);
                    code /= 3;
                }
                let fast = LineIndex::new(&text);
                let general = LineIndex::new(&format!("{text}é"));
                assert!(fast.wide.is_empty() && general.wide.len() == 1, "{text:?}");
                assert_eq!(fast.starts, general.starts, "{text:?}");
                assert_eq!(fast.crlf, general.crlf, "{text:?}");
                for line in 0..fast.starts.len() - 1 {
                    assert_eq!(fast.end(line), general.end(line), "{text:?} line {line}");
                }
                assert_eq!(fast.end(fast.starts.len() - 1), to_u32(text.len()), "{text:?}");
            }
        }
    }

    /// Reference implementation: walk the text char by char.
    fn naive(text: &str, offset: usize) -> (u32, u32, u32, u32) {
        let (mut line, mut col, mut u16col, mut u16off) = (1, 1, 0, 0);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i >= offset {
                break;
            }
            let is_break = c == '\n' || (c == '\r' && chars.peek().map(|p| p.1) != Some('\n'));
            if is_break {
                line += 1;
                col = 1;
                u16col = 0;
            } else if c != '\r' {
                col += 1;
                u16col += c.len_utf16() as u32;
            }
            u16off += c.len_utf16() as u32;
        }
        (line, col, u16col, u16off)
    }

    #[test]
    fn matches_naive_walk() {
        for text in ["", "a", "ab\ncd\r\nef\rgh\n", "é😀x\r\nñ\u{2028}y\n\nz", "x\u{feff}a: b\r\n"]
        {
            let idx = LineIndex::new(text);
            for (off, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let (line, col, u16col, u16off) = naive(text, off);
                let o = off as u32;
                assert_eq!(idx.line_col(o), (line, col), "{text:?} @ {off}");
                assert_eq!(idx.utf16_col(o), u16col, "{text:?} @ {off}");
                assert_eq!(idx.utf16_offset(o), u16off, "{text:?} @ {off}");
            }
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_to_byte(ci), bi);
            }
            assert_eq!(idx.char_to_byte(text.chars().count()), text.len());
        }
    }

    /// Each line ends at its terminator, whichever it is (`\n`, `\r\n`, a lone `\r`), and the
    /// last one at the end of the text.
    #[test]
    fn lines_end_at_their_terminators() {
        for text in ["", "a", "a\r\nbc\rd\n\r\n\ré\r\nx", "\r\n\r\n", "x\r", "é\r\r\n\n"] {
            let bytes = text.as_bytes();
            let mut ends = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'\n' || bytes[i] == b'\r' {
                    ends.push(to_u32(i));
                    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                }
                i += 1;
            }
            ends.push(to_u32(text.len()));
            let idx = LineIndex::new(text);
            assert_eq!(idx.line_count(), ends.len(), "{text:?}");
            for (line, end) in ends.into_iter().enumerate() {
                assert_eq!(idx.end(line), end, "{text:?} line {line}");
            }
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}ab\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (1, 1));
        assert_eq!(idx.line_col(4), (1, 2));
        assert_eq!(idx.utf16_col(4), 1);
        assert_eq!(idx.utf16_offset(4), 2);
        assert_eq!(idx.offset(1, 0), 3);
        assert_eq!(idx.char_to_byte(1), 3);
    }

    #[test]
    fn crlf_columns_skip_cr() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        // The offset of '\n' (after '\r') is still column 3 of line 1.
        assert_eq!(idx.line_col(3), (1, 3));
        assert_eq!(idx.line_col(4), (2, 1));
        assert_eq!(idx.offset(2, 1), 5);
        assert_eq!(idx.offset(1, 99), 2);
    }

    #[test]
    fn offset_from_line_and_char_col() {
        let text = "é: x\nñö: 😀 y\n";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.offset(2, 4)..], "😀 y\n");
        assert_eq!(&text[idx.offset(2, 5)..], " y\n");
        assert_eq!(&text[idx.offset(1, 3)..], "x\nñö: 😀 y\n");
    }
}

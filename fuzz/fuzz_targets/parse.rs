//! The reader on arbitrary bytes: decode, parse, and resolve every node's span to a line and a
//! UTF-16 column, as the renderers and the editor do.
#![no_main]

use kubeward::source::{self, Limits, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let (text, parsed) = source::read(data, &limits);
    if let Some(text) = text {
        let index = LineIndex::new(text);
        for doc in &parsed.documents {
            let span = doc.span;
            let _ = index.line_col(span.start);
            let _ = index.line_col(span.end);
            let _ = index.utf16_offset(span.end);
        }
        for issue in &parsed.issues {
            let _ = index.line_col(issue.span.start);
        }
    }
});

//! Reading the file itself: size, encoding, binary content, templates, I/O errors.
pub mod binary;
pub mod helm_template;
pub mod invalid_utf8;
pub mod too_large;
pub mod unreadable;

//! Rendering: the Markdown draft from Tera templates, Typst markup from that Markdown,
//! and the PDF compiled in-process.

pub mod pdf;
pub mod typst;

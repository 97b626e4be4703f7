//! Markdown → Typst markup.

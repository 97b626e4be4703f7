//! The in-process Typst world and PDF export.

//! CLI specifications: the real binary run on real files, as a user would.
//! One test binary with a module per command (linking the binary's dependencies once).

mod harness;

mod batch;
mod check;
mod docs;
mod new;
mod pdf;
mod render;
mod robust;

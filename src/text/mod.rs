//! Making untrusted text safe, laying it out in terminal columns, and folding it for search.
//! Everything drawn from a thread passes through here.

pub mod controls;
pub mod flow;
pub mod fold;
pub mod sanitize;
pub mod wrap;

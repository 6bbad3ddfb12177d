//! Making untrusted text safe and laying it out in terminal columns.
//! Everything drawn from a thread passes through here.

pub mod controls;
pub mod sanitize;
pub mod wrap;

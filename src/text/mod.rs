//! Making untrusted text safe, laying it out in terminal columns, and folding it for search.
//! Everything drawn from a thread passes through here.

pub mod controls;
pub mod flow;
pub mod fold;
pub mod sanitize;
pub mod wrap;

/// A count with thousands separators: 200,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

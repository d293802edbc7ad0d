//! Time of an agreement: start, end, duration and extension option, from
//! absolute and relative Swedish expressions.

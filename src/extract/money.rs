//! Money: amounts in Swedish formats, what period they cover, who pays, and
//! the public body's kronor per year.

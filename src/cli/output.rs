//! Output formats shared by the commands that print rows.

/// How results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON array.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Ndjson,
}

//! Output formats shared by the commands that print rows: aligned tables for
//! people, and JSON (one array), CSV (header row) and NDJSON for scripts.
//! Every command prints the same serde types the HTTP API answers with; a
//! row type says here which columns its table and CSV show. An unknown value
//! is [`UNKNOWN`] in a table and an empty cell in CSV, never 0; a CSV cell
//! that a spreadsheet would run as a formula is guarded as the web page's
//! CSV guards it.

use std::io::Write;

use serde::Serialize;

use crate::search::{FundingRow, Hit};

/// How a table shows a value nobody states.
pub const UNKNOWN: &str = "–";

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

/// A row type: its columns for tables and CSV. JSON shows every field.
pub trait Row: Serialize {
    /// Column names for the CSV header.
    fn header() -> &'static [&'static str];
    /// The values, in header order, for CSV.
    fn cells(&self) -> Vec<String>;
    /// The columns a table shows, each with whether it is a number
    /// (right-aligned).
    fn table_header() -> &'static [(&'static str, bool)];
    /// The values, in table-header order, formatted for people.
    fn table_cells(&self) -> Vec<String>;
}

/// Longest cell in a table, in characters.
const MAX_CELL: usize = 60;

/// Write rows in a format. `table` writes aligned columns of the row's
/// table columns; the others write every field.
pub fn write_rows<R: Row>(out: &mut impl Write, format: Format, rows: &[R]) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        Format::Ndjson => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(R::header())?;
            for r in rows {
                w.write_record(r.cells().iter().map(|c| csv_cell(c).into_owned()))?;
            }
            w.flush()
        }
        Format::Table => {
            let cols = R::table_header();
            let header: Vec<String> = cols.iter().map(|(h, _)| h.to_string()).collect();
            let body: Vec<Vec<String>> = rows.iter().map(R::table_cells).collect();
            let right: Vec<bool> = cols.iter().map(|(_, n)| *n).collect();
            table(out, &header, &body, &right)
        }
    }
}

/// A CSV cell a spreadsheet will not run: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a `'` in front, as the web page's CSV
/// does. Numbers (such as a negative amount) stay numbers.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Aligned columns, cells cut to [`MAX_CELL`] characters.
pub fn table(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
    right: &[bool],
) -> std::io::Result<()> {
    let cut = |s: &str| -> String {
        clip(
            &s.split_whitespace().collect::<Vec<_>>().join(" "),
            MAX_CELL,
        )
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = width[i].saturating_sub(c.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    for r in &rows {
        line(out, r)?;
    }
    Ok(())
}

/// At most `max` characters, an ellipsis when cut; never inside a character.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut c: String = s.chars().take(max.saturating_sub(1)).collect();
    c.push('…');
    c
}

/// Kronor with a space between thousands, as Swedish text writes them.
pub fn kronor(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

impl Row for Hit {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "score",
            "title",
            "url",
            "path",
            "published",
            "municipality",
            "code",
            "partners",
            "form",
            "public_sek_per_year",
            "snippet",
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            format!("{:.3}", self.score),
            opt(&self.title),
            opt(&self.url),
            opt(&self.path),
            opt(&self.published),
            opt(&self.municipality),
            opt(&self.code),
            self.partners.join("; "),
            opt(&self.form),
            opt(&self.public_sek_per_year),
            self.snippet.clone(),
        ]
    }

    fn table_header() -> &'static [(&'static str, bool)] {
        &[
            ("published", false),
            ("municipality", false),
            ("kr/year", true),
            ("title", false),
        ]
    }

    fn table_cells(&self) -> Vec<String> {
        vec![
            opt(&self.published),
            opt(&self.municipality),
            self.public_sek_per_year.map(kronor).unwrap_or_default(),
            opt(&self.title),
        ]
    }
}

/// Search hits for people: one block per hit, with its snippet and source.
/// `agreements[i]` are the register entries hit `i` reports (may be empty).
pub fn hits_table(
    out: &mut impl Write,
    total: usize,
    hits: &[Hit],
    agreements: &[Vec<String>],
) -> std::io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "no hits");
    }
    for (n, h) in hits.iter().enumerate() {
        let mut facts: Vec<String> = Vec::new();
        if let Some(d) = h.published {
            facts.push(d.to_string());
        }
        match (&h.municipality, &h.code) {
            (Some(m), Some(c)) => facts.push(format!("{m} ({c})")),
            (Some(m), None) => facts.push(m.clone()),
            _ => {}
        }
        if !h.partners.is_empty() {
            facts.push(format!("with {}", h.partners.join(", ")));
        }
        if let Some(s) = h.public_sek_per_year {
            facts.push(format!("{} kr/year", kronor(s)));
        }
        writeln!(
            out,
            "{}. {}",
            n + 1,
            h.title.as_deref().unwrap_or("(no title)")
        )?;
        if !facts.is_empty() {
            writeln!(out, "   {}", facts.join(" · "))?;
        }
        writeln!(
            out,
            "   {}",
            h.snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
        if let Some(src) = h.url.as_ref().or(h.path.as_ref()) {
            writeln!(out, "   {src}")?;
        }
        if let Some(ids) = agreements.get(n).filter(|v| !v.is_empty()) {
            writeln!(out, "   register: {}", ids.join(", "))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{} of {total} hits", hits.len())
}

/// "1 agreement", "2 agreements".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A known figure in kronor, else [`UNKNOWN`].
pub fn kronor_or_unknown(v: Option<i64>) -> String {
    v.map(kronor).unwrap_or_else(|| UNKNOWN.to_string())
}

impl Row for FundingRow {
    fn header() -> &'static [&'static str] {
        &[
            "code",
            "name",
            "agreements",
            "agreements_without_figure",
            "public_sek_per_year",
            "population",
            "population_year",
            "sek_per_inhabitant",
            "agreement_figures",
            "sources",
            "key",
        ]
    }

    fn cells(&self) -> Vec<String> {
        let figures: Vec<String> = self
            .items
            .iter()
            .map(|i| {
                let v = i
                    .public_sek_per_year
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "unknown".into());
                format!("{}={v}", i.agreement_id)
            })
            .collect();
        let mut sources: Vec<&str> = Vec::new();
        for p in self.items.iter().flat_map(|i| &i.pages) {
            if !sources.contains(&p.as_str()) {
                sources.push(p);
            }
        }
        vec![
            opt(&self.code),
            self.name.clone(),
            self.agreements.to_string(),
            self.agreements_without_figure.to_string(),
            opt(&self.public_sek_per_year),
            opt(&self.population),
            opt(&self.population_year),
            self.sek_per_inhabitant
                .map(|v| format!("{v:.2}"))
                .unwrap_or_default(),
            figures.join("; "),
            sources.join(" "),
            self.key.clone(),
        ]
    }

    fn table_header() -> &'static [(&'static str, bool)] {
        &[
            ("code", false),
            ("name", false),
            ("agreements", true),
            ("without figure", true),
            ("kr/year", true),
            ("population", true),
            ("kr/inhabitant", true),
        ]
    }

    fn table_cells(&self) -> Vec<String> {
        vec![
            opt(&self.code),
            self.name.clone(),
            self.agreements.to_string(),
            self.agreements_without_figure.to_string(),
            kronor_or_unknown(self.public_sek_per_year),
            self.population
                .map(|p| kronor(p as i64))
                .unwrap_or_default(),
            self.sek_per_inhabitant
                .map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| {
                    if self.population.is_some() {
                        UNKNOWN.to_string()
                    } else {
                        String::new()
                    }
                }),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronor_group_thousands() {
        assert_eq!(kronor(1_200_000), "1 200 000");
        assert_eq!(kronor(850), "850");
        assert_eq!(kronor(-4500), "-4 500");
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_are_guarded() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+46 70"), "'+46 70");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
        assert_eq!(csv_cell("-4500"), "-4500");
        assert_eq!(csv_cell("Kvinnojouren"), "Kvinnojouren");
        let rows = vec![crate::search::FundingRow {
            key: "none".into(),
            code: None,
            name: "=1+1".into(),
            agreements: 1,
            agreements_without_figure: 1,
            public_sek_per_year: None,
            population: None,
            population_year: None,
            sek_per_inhabitant: None,
            items: vec![],
            items_omitted: 0,
            years: vec![],
        }];
        let mut out = Vec::new();
        write_rows(&mut out, Format::Csv, &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.lines().nth(1).unwrap().starts_with(",'=1+1,1,1,,"),
            "{text}"
        );
    }

    #[test]
    fn tables_align_and_clip_by_characters() {
        let mut out = Vec::new();
        let header = vec!["name".to_string(), "sek".to_string()];
        let rows = vec![
            vec!["Malmö".to_string(), "5".to_string()],
            vec!["Å".repeat(70), "1000".to_string()],
        ];
        table(&mut out, &header, &rows, &[false, true]).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[1], format!("Malmö{}     5", " ".repeat(55)));
        assert!(lines[2].contains('…'));
        assert_eq!(lines[2].chars().count(), lines[1].chars().count());
    }
}

//! How the extractor read a page: every line with its block kind and
//! features, its organisation candidates (accepted or not, and why) and the
//! agreement statements, for checking why a value was or was not extracted.
//!
//! `cargo run --release --example explain -- PAGE.html`

use iop::page::Page;
use iop::reference::Reference;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain PAGE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("explain: {path}: {e}");
            std::process::exit(1);
        }
    };
    let page = Page::from_file(path.clone(), bytes);
    match iop::extract::explain(&page, Reference::embedded()) {
        Ok(t) => print!("{t}"),
        Err(e) => {
            eprintln!("explain: {path}: {e}");
            std::process::exit(1);
        }
    }
}

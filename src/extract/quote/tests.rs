use super::*;

#[test]
fn debug_people() {
    for l in std::fs::read_to_string("/tmp/quote.jsonl").unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(l).unwrap();
        let path = r["source"]["path"].as_str().unwrap_or("");
        if !path.ends_with(&std::env::var("DOC").unwrap()) { continue; }
        let p: Vec<String> = r["text"].as_str().unwrap().split("\n\n").map(String::from).collect();
        let mut people = People::default();
        people.scan(&p);
        eprintln!("{people:?}");
        for (i, x) in p.iter().enumerate() { eprintln!("{i} {:?} {:?} | {}", mark(x), attribution::find(x).map(|a| a.who), x.chars().take(80).collect::<String>()); }
        eprintln!("{:#?}", quotes(&p));
    }
    panic!();
}

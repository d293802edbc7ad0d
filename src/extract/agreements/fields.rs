//! The values of one agreement from the lines that speak of it: its form,
//! its public body (with the nämnd that is party, payer or decider), its
//! period, its amounts and the public body's yearly figure. Each value is an
//! [`Evidenced`] with every sentence it rests on; `assemble` turns them into
//! the record. Uses `party`, `period`, `money` and `reference`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::extract::Context;
use crate::extract::evidenced::Evidenced;
use crate::extract::lexicon;
use crate::extract::money;
use crate::extract::party;
use crate::extract::pattern::Pattern;
use crate::extract::period::{self, Period};
use crate::record::{Agreement, Amount, Evidence, Form, Partner, Party, PartyKind, Payer, Per};

/// Every value of one agreement, each with its sentences.
#[derive(Debug, Clone)]
pub struct Fields {
    pub form: Evidenced<Form>,
    pub partners: Vec<Evidenced<String>>,
    pub public_parties: Option<Evidenced<Vec<Party>>>,
    pub period: Period,
    pub amounts: Vec<Evidenced<Amount>>,
    pub yearly: Option<Evidenced<i64>>,
}

/// A sum restated as the total of others: "totalt alltså", "sammanlagt".
static RESTATED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:totalt|sammanlagt|sammantaget|alltså)\b").expect("valid regex")
});

/// A sentence whose sum comes on top of one stated before ("Utöver detta
/// tillkommer 350 000 kr per år", "Dessutom får föreningen ...").
static ON_TOP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:utöver|tillkommer|tillkommande|dessutom|därutöver|därtill|vidare|plus|extra|ytterligare|även|också|samt|respektive)\b",
    )
    .expect("valid regex")
});

/// The form: IOP when a line of the agreement calls it so.
pub fn form(lines: &[&str]) -> Evidenced<Form> {
    match lines.iter().find(|t| lexicon::IOP.is_match(t)) {
        Some(t) => Evidenced::new(Form::Iop, t),
        None => Evidenced {
            value: Form::Agreement,
            quotes: Vec::new(),
        },
    }
}

/// Period, amounts and yearly figure from the agreement's own lines (sums
/// only from `paid`, the own lines that are not all agreements' together;
/// the period from `lead`, the lines that lead its list, when they say none);
/// `listed` when they are the item of a list of agreements; `others` are
/// every written form of the page's other organisations; `earlier` when the
/// lines are an earlier agreement's, whose sums the deal before are;
/// `yearly_cells` the table cells whose column header says its sums are
/// yearly ("Ersättning per år"), each with that header.
#[allow(clippy::too_many_arguments)]
pub fn time_and_money(
    own: &[&str],
    paid: &[&str],
    aside: &[&str],
    lead: &[&str],
    listed: bool,
    ctx: &Context<'_>,
    public: &[Party],
    partner_names: &[String],
    others: &[String],
    earlier: bool,
    yearly_cells: &[(&str, &str)],
) -> (Period, Vec<Evidenced<Amount>>, Option<Evidenced<i64>>) {
    let parts: Vec<&str> = own
        .iter()
        .map(|t| own_part(t, partner_names, others))
        .collect();
    let mut p = period::find_period_in_parts(own, &parts, ctx.published, listed);
    if p.start.is_none() && p.end.is_none() && p.duration_months.is_none() && !lead.is_empty() {
        p = period::find_period(lead, ctx.published);
    }
    let public_names: Vec<String> = public
        .iter()
        .flat_map(|p| {
            let mut v = vec![p.name.clone()];
            v.extend(p.unit.clone());
            v
        })
        .chain(["kommunen", "regionen", "staden", "landstinget"].map(String::from))
        .collect();
    let amounts: Vec<Evidenced<Amount>> =
        // a sum on a public body's list of its agreements ("Växjö
        // Stadsmission (800 000 kronor per år)") is what it pays, unless the
        // item says the organisation pays it
        money::agreement_amounts_among(
            paid,
            &public_names,
            partner_names,
            others,
            (listed && !public.is_empty()).then_some(Payer::Public),
            earlier,
        )
        .into_iter()
        .map(|f| {
            let mut a = Evidenced::new(f.amount, &f.evidence);
            // a sum in a table cell under "Ersättning per år" is yearly, by
            // its header
            if a.value.per.is_none()
                && let Some(&(_, header)) = yearly_cells.iter().find(|(cell, _)| *cell == f.evidence)
            {
                a.value.per = Some(Per::Year);
                a.quotes.push(header.to_string());
            }
            a
        })
        .collect();
    // the years the agreement's sums are paid for, when its sentences name none
    let paid_in: Vec<&str> = amounts
        .iter()
        .filter_map(|a| a.quotes.first().map(String::as_str))
        .collect();
    period::from_paid_range(&mut p, &paid_in, ctx.published);
    // an agreement of a year or less: a sum that says no period of its own
    // is paid for the whole of it ("Avtalet gäller 17 juni–16 augusti ...
    // föreningen får 85 000 kronor"), by the sentences that state the period
    // (when those speak of this agreement: a period from a paragraph set
    // aside decides nothing, and would set the sum aside with it)
    let mut amounts = amounts;
    let period_quotes: Vec<String> = p
        .duration_months
        .iter()
        .map(|d| d.evidence.clone())
        .chain(p.start.iter().map(|d| d.evidence.clone()))
        .chain(p.end.iter().map(|d| d.evidence.clone()))
        .collect();
    if money::period_months(&p).is_some_and(|m| (1..=12).contains(&m))
        && !period_quotes.iter().any(|q| aside.contains(&q.as_str()))
    {
        for a in amounts.iter_mut().filter(|a| a.value.per.is_none()) {
            a.value.per = Some(Per::Total);
            for q in &period_quotes {
                if !a.quotes.contains(q) {
                    a.quotes.push(q.clone());
                }
            }
        }
    }
    let plain: Vec<Amount> = amounts.iter().map(|a| a.value.clone()).collect();
    // two yearly sums of which one restates a total ("fem miljoner per år
    // ... ett extra bidrag på 2,5 miljoner, totalt alltså 7,5 miljoner per
    // år"): its parts are not both yearly shares, and no figure is sure
    let yearly_public: Vec<&Evidenced<Amount>> = amounts
        .iter()
        .filter(|a| a.value.payer == Some(Payer::Public) && a.value.per == Some(Per::Year))
        .collect();
    let restated = yearly_public.len() == 2
        && yearly_public.iter().any(|a| {
            a.quotes.iter().any(|q| {
                q.find(a.value.text.as_str()).is_some_and(|at| {
                    let mut from = at.saturating_sub(40);
                    while !q.is_char_boundary(from) {
                        from += 1;
                    }
                    RESTATED.is_match(&q[from..at])
                })
            })
        });
    // yearly sums stated in different sentences are parts of one payment
    // only when the later ones say they come on top; otherwise they are
    // rates of different times ("har haft 20 000 kronor/år" and later
    // "beviljas 30 000 kronor/år") and no one figure is sure
    let mut sentences: Vec<&str> = Vec::new();
    for a in &yearly_public {
        if let Some(q) = a.quotes.first()
            && !sentences.contains(&q.as_str())
        {
            sentences.push(q);
        }
    }
    let sum: i64 = yearly_public.iter().map(|a| a.value.sek).sum();
    let other_times = sentences.len() >= 2
        && yearly_public
            .iter()
            .any(|a| a.value.sek != yearly_public[0].value.sek)
        // a sentence that states the sum of the others ties them together
        && !yearly_public.iter().any(|a| 2 * a.value.sek == sum)
        && sentences[1..].iter().any(|q| !ON_TOP.is_match(q));
    let yearly = money::yearly(&plain, &p)
        .filter(|_| !restated && !other_times)
        .map(|y| {
            let mut quotes: Vec<&str> = y
                .amounts
                .iter()
                .flat_map(|&i| amounts[i].quotes.iter().map(String::as_str))
                .collect();
            // a total spread over the agreement's length: the length's sentences too
            if y.months.is_some() {
                if let Some(d) = &p.duration_months {
                    quotes.push(&d.evidence);
                } else {
                    quotes.extend(p.start.iter().map(|d| d.evidence.as_str()));
                    quotes.extend(p.end.iter().map(|d| d.evidence.as_str()));
                }
            }
            Evidenced::from_quotes(y.sek, quotes)
        });
    // sums in sentences set aside (paragraphs that do not speak of this
    // agreement) are read only so that the yearly figure stays as sure as
    // the whole text makes it; they are not the agreement's, and a figure
    // that rests on one is not given
    let kept = |a: &Evidenced<Amount>| !a.quotes.iter().any(|q| aside.contains(&q.as_str()));
    let yearly = yearly.filter(|y| y.quotes.iter().all(|q| !aside.contains(&q.as_str())));
    let amounts: Vec<Evidenced<Amount>> = amounts.into_iter().filter(kept).collect();
    (p, amounts, yearly)
}

/// The part of a line that speaks of the organisation `mine` names when the
/// line names another too: from its name (or the line's start, when no
/// other is named before it) to the next other organisation's name. "Avtalet
/// med A gäller 2025–2027 och liknar det med B, som har gällt sedan 2023":
/// A's part ends before B, B's starts at its name.
fn own_part<'a>(line: &'a str, mine: &[String], others: &[String]) -> &'a str {
    let spans = |names: &[String]| -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = names
            .iter()
            .filter(|n| n.chars().count() >= 3)
            .flat_map(|n| {
                line.match_indices(n.as_str())
                    .map(|(i, m)| (i, i + m.len()))
            })
            .collect();
        v.sort_unstable();
        v
    };
    let my = spans(mine);
    let Some(&(m, _)) = my.first() else {
        return line;
    };
    // another organisation in a partner's place ("med B", "till B"), not
    // one named in passing ("på Restad gård")
    let slot = |a: usize| {
        let w = line[..a].trim_end();
        let w = w.rsplit(' ').next().unwrap_or(w).to_lowercase();
        matches!(w.as_str(), "med" | "mellan" | "till" | "och" | "," | "samt")
            || line[..a].trim_end().ends_with(',')
    };
    let theirs: Vec<(usize, usize)> = spans(others)
        .into_iter()
        .filter(|&(a, b)| !my.iter().any(|&(x, y)| a < y && x < b) && slot(a))
        .collect();
    if theirs.is_empty() {
        return line;
    }
    // names in one coordination ("med A och B") share what the line says
    let joined = |a: usize, b: usize| {
        matches!(
            line[a..b].trim(),
            "," | "och" | "samt" | "och med" | "samt med" | "&" | ""
        )
    };
    let mut group = (m, my[0].1);
    loop {
        let before = theirs.iter().rev().find(|&&(_, b)| b <= group.0);
        let after = theirs.iter().find(|&&(a, _)| a >= group.1);
        match (before, after) {
            (Some(&(a, _)), _) if joined(theirs_end(&theirs, a), group.0) => group.0 = a,
            (_, Some(&(_, b))) if joined(group.1, theirs_start(&theirs, b)) => group.1 = b,
            _ => break,
        }
    }
    let start = if theirs.iter().any(|&(_, b)| b <= group.0) {
        group.0
    } else {
        0
    };
    let end = theirs
        .iter()
        .map(|&(a, _)| a)
        .find(|&a| a >= group.1)
        .unwrap_or(line.len());
    &line[start..end]
}

/// The end of the span that starts at `a`.
fn theirs_end(spans: &[(usize, usize)], a: usize) -> usize {
    spans.iter().find(|s| s.0 == a).map_or(a, |s| s.1)
}

/// The start of the span that ends at `b`.
fn theirs_start(spans: &[(usize, usize)], b: usize) -> usize {
    spans.iter().find(|s| s.1 == b).map_or(b, |s| s.0)
}

/// The public bodies of an agreement: named in its own lines, else the
/// publisher when the page speaks of it or of one of its nämnder, else a
/// city district's city, a county's region, the body the page names most,
/// the one place the page names (the page's `people` aside: "Anna Berg" is
/// no place).
pub fn public_parties(
    ctx: &Context<'_>,
    own: &[&str],
    all: &[&str],
    partners: &[String],
    people: &[String],
) -> Option<Evidenced<Vec<Party>>> {
    let reference = ctx.reference;
    // a body named inside a partner's name ("Friluftsfrämjandet Region
    // Stockholm") is no party
    let body_mentions = |t: &str| -> Vec<party::BodyMention> {
        let inside: Vec<(usize, usize)> = partners
            .iter()
            .flat_map(|n| t.match_indices(n.as_str()).map(|(i, m)| (i, i + m.len())))
            .collect();
        party::body_mentions(t)
            .into_iter()
            .filter(|m| !inside.iter().any(|&(a, b)| a <= m.start && m.end <= b))
            .collect()
    };
    let mut joined: Vec<String> = Vec::new();
    let pick = |lines: &[&str]| -> Option<(String, String, Vec<String>)> {
        lines.iter().find_map(|t| {
            body_mentions(t)
                .into_iter()
                .next()
                .map(|m| (m.code.clone(), t.to_string(), party::joined_bodies(t, &m)))
        })
    };
    let found = pick(own)
        .map(|(code, line, others)| {
            joined = others;
            (code, line)
        })
        .or_else(|| {
            // "mellan Kiruna och Kvinnojouren Iris": the kommun by its place
            own.iter()
                .find_map(|t| party::place_as_party(t).map(|c| (c, t.to_string())))
        })
        .or_else(|| {
            let p = ctx.publisher?;
            let kind = p.kind;
            own.iter().chain(all.iter()).find_map(|t| {
                let named = body_mentions(t).into_iter().any(|m| m.code == p.code);
                let unit = !party::unit_mentions(t).is_empty();
                (named || unit || party::definite_mention(t, kind).is_some())
                    .then(|| (p.code.clone(), t.to_string()))
            })
        })
        .or_else(|| {
            own.iter()
                .chain(all.iter())
                .find_map(|t| party::district_mention(t).map(|c| (c, t.to_string())))
        })
        .or_else(|| {
            let line = all
                .iter()
                .find(|t| party::definite_mention(t, PartyKind::Region).is_some())?;
            let county = all.iter().find_map(|t| party::county_mention(t))?;
            Some((county, line.to_string()))
        })
        .or_else(|| {
            let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
            for t in all {
                for m in body_mentions(t) {
                    let e = counts.entry(m.code).or_insert((0, t.to_string()));
                    e.0 += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|(_, (n, _))| *n)
                .map(|(c, (_, t))| (c, t))
        })
        .or_else(|| {
            let line = all
                .iter()
                .find(|t| party::definite_mention(t, PartyKind::Kommun).is_some())?;
            let mut text = all.join(" ");
            for person in people {
                text = text.replace(person.as_str(), " ");
            }
            let code = party::only_place(&text)?;
            Some((code, line.to_string()))
        });
    let Some((code, line)) = found else {
        // a samordningsförbund as the party: a public body with no code
        let (name, line) = own
            .iter()
            .find_map(|t| party::coordination_body(t).map(|n| (n, *t)))?;
        return Some(Evidenced::new(
            vec![Party {
                name: name.to_string(),
                code: None,
                kind: None,
                unit: None,
            }],
            line,
        ));
    };
    let body = reference.by_code(&code)?;
    // (Region Gotland's 0980 is a kommun in the reference itself)
    let mut p = body.party();
    p.unit = unit_of(own, all);
    let mut parties = vec![p];
    // bodies named together with it in the same words: parties alike
    for code in &joined {
        if let Some(b) = reference.by_code(code) {
            parties.push(b.party());
        }
    }
    Some(Evidenced::new(parties, &line))
}

/// The nämnd or förvaltning named as party, payer or decider.
fn unit_of(own: &[&str], all: &[&str]) -> Option<String> {
    static DECIDES: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)beslut|beslutat|finansier|betala|tecknat|ingått|avtal|överenskommelse|partnerskap|IOP")
            .expect("valid regex")
    });
    own.iter()
        .chain(all.iter().filter(|t| DECIDES.is_match(t)))
        .find_map(|t| party::unit_mentions(t).into_iter().next().map(|u| u.2))
}

/// The record's agreement: values and their evidence, field by field. The
/// only place field names become strings.
pub fn assemble(f: Fields) -> Agreement {
    let mut evidence: Vec<Evidence> = Vec::new();
    for p in &f.partners {
        evidence.extend(p.evidence("partners"));
    }
    evidence.extend(f.form.evidence("form"));
    if let Some(pp) = &f.public_parties {
        evidence.extend(pp.evidence("public_parties"));
    }
    let p = &f.period;
    for (field, ev) in [
        ("start", p.start.as_ref().map(|d| &d.evidence)),
        ("end", p.end.as_ref().map(|d| &d.evidence)),
        (
            "duration_months",
            p.duration_months.as_ref().map(|d| &d.evidence),
        ),
        (
            "extension_months",
            p.extension_months.as_ref().map(|d| &d.evidence),
        ),
    ] {
        if let Some(q) = ev {
            evidence.push(Evidence {
                field: field.into(),
                quote: q.clone(),
            });
        }
    }
    for (i, a) in f.amounts.iter().enumerate() {
        evidence.extend(a.evidence(&format!("amounts[{i}]")));
    }
    if let Some(y) = &f.yearly {
        evidence.extend(y.evidence("public_sek_per_year"));
    }
    Agreement {
        form: f.form.value,
        public_parties: f.public_parties.map(|p| p.value).unwrap_or_default(),
        partners: f
            .partners
            .into_iter()
            .map(|p| Partner { name: p.value })
            .collect(),
        start: f.period.start.map(|d| d.value),
        end: f.period.end.map(|d| d.value),
        duration_months: f.period.duration_months.map(|d| d.value),
        extension_months: f.period.extension_months.map(|d| d.value),
        amounts: f.amounts.into_iter().map(|a| a.value).collect(),
        public_sek_per_year: f.yearly.map(|y| y.value),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::own_part;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_line_naming_two_agreements_gives_each_its_part() {
        let line = "Avtalet med Brottsofferjouren gäller 2025–2027 och tecknas på samma villkor som överenskommelsen med Kvinnojouren Rut, som har gällt sedan 2023.";
        let a = v(&["Brottsofferjouren"]);
        let b = v(&["Kvinnojouren Rut"]);
        assert!(own_part(line, &a, &b).ends_with("överenskommelsen med "));
        assert_eq!(
            own_part(line, &b, &a),
            "Kvinnojouren Rut, som har gällt sedan 2023."
        );
    }

    #[test]
    fn coordinated_names_and_names_in_passing_share_the_line() {
        let line = "Kommunen har sedan årsskiftet avtal med Brottsofferjouren och Kvinnojouren i Söderslätt.";
        let a = v(&["Brottsofferjouren"]);
        let b = v(&["Kvinnojouren i Söderslätt"]);
        assert_eq!(own_part(line, &b, &a), line);
        let line = "Avtalet med Röda Korset om teamet på Restad gård gäller till 2019.";
        assert_eq!(
            own_part(line, &v(&["Röda Korset"]), &v(&["Restad gård"])),
            line
        );
    }
}

#[cfg(test)]
mod yearly_tests {
    use crate::extract::extract;
    use crate::page::Page;
    use crate::reference::Reference;

    fn yearly(text: &str) -> Vec<Option<i64>> {
        let page = Page::from_file("pressmeddelande.txt", text.as_bytes().to_vec());
        let r = extract(&page, Reference::embedded()).expect("read");
        r.agreements.iter().map(|a| a.public_sek_per_year).collect()
    }

    #[test]
    fn a_restated_total_beside_a_yearly_sum_gives_no_figure() {
        let text = "Nytt avtal med Norrby IF\n\nNorrby kommun har tecknat ett nytt avtal med Norrby IF. Kommunen ska betala cirka fem miljoner kronor per år till Norrby IF. Om klubben inte spelar i högsta ligan ger kommunen ett extra bidrag på 2,5 miljoner kronor, totalt alltså runt 7,5 miljoner kronor per år.\n";
        assert_eq!(yearly(text), [None]);
        let text = "Nytt avtal med Norrby IF\n\nNorrby kommun har tecknat ett nytt avtal med Norrby IF. Kommunen ska betala fem miljoner kronor per år till Norrby IF.\n";
        assert_eq!(yearly(text), [Some(5_000_000)]);
    }

    fn sums(text: &str) -> Vec<Vec<i64>> {
        let page = Page::from_file("pressmeddelande.txt", text.as_bytes().to_vec());
        let r = extract(&page, Reference::embedded()).expect("read");
        r.agreements
            .iter()
            .map(|a| a.amounts.iter().map(|m| m.sek).collect())
            .collect()
    }

    #[test]
    fn a_sum_in_a_paragraph_about_something_else_is_not_the_agreements() {
        let text = "Nytt partnerskap med Norrby IF\n\nUppsala kommun har tecknat ett IOP-avtal med Norrby IF om kvällsfotboll för unga. Kommunen betalar 400 000 kronor per år.\n\nUnder 2023 fick 45 idrottsföreningar totalt 3,2 miljoner kronor i aktivitetsstöd.\n";
        assert_eq!(sums(text), [vec![400_000]]);
        assert_eq!(yearly(text), [Some(400_000)]);
        // the public body paying, in a paragraph of its own, is the agreement's sum
        let text = "Nytt partnerskap med Norrby IF\n\nUppsala kommun har tecknat ett IOP-avtal med Norrby IF om kvällsfotboll för unga.\n\nKultur- och fritidsnämnden ger verksamheten 400 000 kronor per år.\n";
        assert_eq!(sums(text), [vec![400_000]]);
        // the social services paying, in a paragraph of its own
        let text = "Samarbetsavtal mellan Socialtjänst Hofors och Hofors Brottsofferförening\n\nDetta avtal har träffats mellan Hofors Brottsofferförening och Socialtjänst Hofors.\n\nSocialtjänsten utger ersättning med totalt 180 000 kr, fördelat på fyra utbetalningar à 45 000 kr.\n";
        assert_eq!(sums(text), [vec![180_000]]);
        // a sentence the page repeats elsewhere stays the agreement's
        let text = "Nytt partnerskap med Norrby IF\n\nUppsala kommun har tecknat ett IOP-avtal med Norrby IF om kvällsfotboll för unga. Det kostar 400 000 kronor per år.\n\nLäs mer på webben.\n\nDet kostar 400 000 kronor per år.\n";
        assert_eq!(sums(text), [vec![400_000]]);
    }

    fn periods(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let page = Page::from_file("pressmeddelande.txt", text.as_bytes().to_vec());
        let r = extract(&page, Reference::embedded()).expect("read");
        r.agreements
            .iter()
            .map(|a| (a.start.map(|d| d.to_string()), a.end.map(|d| d.to_string())))
            .collect()
    }

    #[test]
    fn the_years_a_sum_is_paid_for_are_the_period_when_nothing_else_says() {
        let text = "Nytt partnerskap med Norrby stadsmission\n\nUppsala kommun och Norrby stadsmission undertecknar i dag ett idéburet offentligt partnerskap. Det innebär ett ökat stöd till föreningens verksamheter på totalt 3,5 miljoner kronor per år för åren 2019, 2020 och 2021.\n";
        assert_eq!(periods(text), [(Some("2019".into()), Some("2021".into()))]);
        assert_eq!(yearly(text), [Some(3_500_000)]);
        // a sum for one named year is no term
        let text = "Nytt partnerskap med Norrby stadsmission\n\nUppsala kommun och Norrby stadsmission undertecknar i dag ett idéburet offentligt partnerskap. Kommunen betalar 300 000 kronor för 2021.\n";
        assert_eq!(periods(text), [(None, None)]);
    }

    #[test]
    fn yearly_sums_of_different_times_are_not_added() {
        let text = "Driftbidrag till Norrby ridklubb\n\nNorrby ridklubb har under tre år haft avtalsreglerat driftbidrag på 20 000 kronor per år. Norrby kommun har nu tecknat ett nytt avtal med Norrby ridklubb och betalar 30 000 kronor per år till klubben med början 2024.\n";
        assert_eq!(yearly(text), [None]);
        // a sum said to come on top is a part of the same payment
        let text = "Nytt avtal med Kvinnojouren Norrby\n\nNorrby kommun har tecknat ett avtal med Kvinnojouren Norrby. Kommunen ersätter Kvinnojouren Norrby med 650 000 kronor per år för insatserna i avtalet. Utöver detta tillkommer en ersättning på 350 000 kronor per år för lokalen.\n";
        assert_eq!(yearly(text), [Some(1_000_000)]);
    }

    #[test]
    fn sums_of_named_years_and_earlier_rates_are_not_added() {
        // each year its own sum, the year named before it
        let text = "Nytt avtal med Kvinnojouren Norrby\n\nNorrby kommun har tecknat ett avtal med Kvinnojouren Norrby. För 2022 får föreningen 300 000 kronor och för 2023 350 000 kronor.\n";
        assert_eq!(yearly(text), [None]);
        assert_eq!(sums(text), [vec![300_000, 350_000]]);
        // the rate before the new agreement is no part of it
        let text = "Nytt avtal med Kvinnojouren Norrby\n\nNorrby kommun har tecknat ett nytt avtal med Kvinnojouren Norrby. Tidigare fick föreningen 200 000 kronor per år, nu blir det 350 000 kronor per år.\n";
        assert_eq!(yearly(text), [Some(350_000)]);
        assert_eq!(sums(text), [vec![350_000]]);
    }

    fn parties(text: &str) -> Vec<Vec<String>> {
        let page = Page::from_file("pressmeddelande.txt", text.as_bytes().to_vec());
        let r = extract(&page, Reference::embedded()).expect("read");
        r.agreements
            .iter()
            .map(|a| a.public_parties.iter().map(|p| p.name.clone()).collect())
            .collect()
    }

    #[test]
    fn a_body_named_inside_the_partners_name_is_no_party() {
        let text = "Nytt IOP\n\nFriluftsfrämjandet Region Stockholm och Sollentuna kommun har tecknat ett IOP om friluftsliv för unga.\n";
        assert_eq!(parties(text), [vec!["Sollentuna kommun".to_string()]]);
    }

    #[test]
    fn the_agreements_own_value_is_the_public_bodys() {
        let text = "Nytt avtal med Kvinnojouren Norrby\n\nNorrby kommun har tecknat ett avtal med Kvinnojouren Norrby. Avtalet är värt 2,4 miljoner kronor över två år.\n";
        assert_eq!(sums(text), [vec![2_400_000]]);
        assert_eq!(yearly(text), [Some(1_200_000)]);
    }
}

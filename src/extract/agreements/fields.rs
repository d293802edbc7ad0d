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
use crate::record::{Agreement, Amount, Evidence, Form, Partner, Party, PartyKind};

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
/// only from `paid`, the own lines that are not all agreements' together);
/// `listed` when they are the item of a list of agreements; `others` are
/// every written form of the page's other organisations.
#[allow(clippy::too_many_arguments)]
pub fn time_and_money(
    own: &[&str],
    paid: &[&str],
    listed: bool,
    ctx: &Context<'_>,
    public: &[Party],
    partner_names: &[String],
    others: &[String],
) -> (Period, Vec<Evidenced<Amount>>, Option<Evidenced<i64>>) {
    let p = period::find_period_in(own, ctx.published, listed);
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
        money::agreement_amounts_among(paid, &public_names, partner_names, others)
            .into_iter()
            .map(|f| Evidenced::new(f.amount, &f.evidence))
            .collect();
    let plain: Vec<Amount> = amounts.iter().map(|a| a.value.clone()).collect();
    let yearly = money::yearly(&plain, &p).map(|y| {
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
    (p, amounts, yearly)
}

/// The public bodies of an agreement: named in its own lines, else the
/// publisher when the page speaks of it or of one of its nämnder, else a
/// city district's city, a county's region, the body the page names most,
/// the one place the page names.
pub fn public_parties(
    ctx: &Context<'_>,
    own: &[&str],
    all: &[&str],
) -> Option<Evidenced<Vec<Party>>> {
    let reference = ctx.reference;
    let pick = |lines: &[&str]| -> Option<(String, String)> {
        lines.iter().find_map(|t| {
            party::body_mentions(t)
                .into_iter()
                .next()
                .map(|m| (m.code, t.to_string()))
        })
    };
    let found = pick(own)
        .or_else(|| {
            let p = ctx.publisher?;
            let kind = p.kind;
            own.iter().chain(all.iter()).find_map(|t| {
                let named = party::body_mentions(t)
                    .into_iter()
                    .any(|m| m.code == p.code);
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
                for m in party::body_mentions(t) {
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
            let code = party::only_place(&all.join(" "))?;
            Some((code, line.to_string()))
        });
    let (code, line) = found?;
    let body = reference.by_code(&code)?;
    let mut p = body.party();
    if body.code == "0980" {
        p.kind = Some(PartyKind::Kommun);
    }
    p.unit = unit_of(own, all);
    Some(Evidenced::new(vec![p], &line))
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

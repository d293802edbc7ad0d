//! Earlier agreements of a renewed partnership, and pages that are still a
//! proposal. A page announcing a new agreement ("det nya avtalet", "ett nytt
//! samarbetsavtal") that also states a concrete earlier agreement with the
//! same organisation ("har sedan 2014 ett avtal med X", "sedan några år
//! tillbaka samarbetar vi med X") reports two agreements: the register is
//! historical, so the earlier one is an entry of its own, with the start the
//! text gives it and nothing it does not. Pure text rules; uses `record`.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use crate::record::{Agreement, Evidence, Form, PartialDate};

/// A sentence stating that the partnership already existed: "sedan 2014",
/// "sedan några år tillbaka", "sedan flera år".
static SINCE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\bsedan\s+(?:((?:19|20)\d\d)\b|(?:några|ett antal|flera|många)\s+år\b|länge\b)",
    )
    .expect("valid regex")
});

/// What the earlier partnership was: an agreement or a cooperation, run or
/// supported by the public body.
static EARLIER_DEAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\p{L}*avtal\p{L}*|överenskommelse\p{L}*|samarbet\p{L}*|samverk\p{L}*|partnerskap\p{L}*|stött\p{L}*|stöttat|finansierat)\b")
        .expect("valid regex")
});

/// The earlier agreement of `current`, when the page states one: `names` are
/// every written form of its partners, `lines` every sentence of the page.
pub fn earlier_agreement(
    current: &Agreement,
    names: &[String],
    lines: &[&str],
) -> Option<Agreement> {
    if !lines.iter().any(|l| super::events::names_new(l)) {
        return None;
    }
    let line = lines.iter().copied().find(|l| {
        names.iter().any(|n| l.contains(n.as_str()))
            && SINCE.is_match(l)
            && EARLIER_DEAL.is_match(l)
            && !super::events::names_new(l)
    })?;
    let start = SINCE
        .captures(line)
        .and_then(|c| c.get(1))
        .and_then(|y| y.as_str().parse().ok())
        .map(PartialDate::year);
    // the new agreement must not itself begin in that year
    if start.is_some() && start == current.start {
        return None;
    }
    let mut evidence = vec![Evidence {
        field: "partners".into(),
        quote: line.to_string(),
    }];
    if start.is_some() {
        evidence.push(Evidence {
            field: "start".into(),
            quote: line.to_string(),
        });
    }
    let form = if crate::extract::lexicon::IOP.is_match(line) {
        evidence.push(Evidence {
            field: "form".into(),
            quote: line.to_string(),
        });
        Form::Iop
    } else {
        Form::Agreement
    };
    evidence.extend(
        current
            .evidence
            .iter()
            .filter(|e| e.field == "public_parties")
            .cloned(),
    );
    Some(Agreement {
        form,
        public_parties: current
            .public_parties
            .iter()
            .map(|p| crate::record::Party {
                unit: None,
                ..p.clone()
            })
            .collect(),
        partners: current.partners.clone(),
        start,
        end: None,
        duration_months: None,
        extension_months: None,
        amounts: Vec::new(),
        public_sek_per_year: None,
        evidence,
    })
}

/// A heading that makes the page a proposal awaiting decision.
static PROPOSAL_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:förslag till beslut|förvaltningens förslag(?: till beslut)?|\p{L}+s förslag till beslut)\s*:?\s*$")
        .expect("valid regex")
});
/// A heading or line that records the decision itself.
static DECISION_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:beslut|beslutet|\p{L}+s beslut|(?:\p{L}+\s+)?beslutar\b.*|(?:\p{L}+\s+)?beslutade\b.*)\s*:?\s*$")
        .expect("valid regex")
});

/// True for a minutes item or report whose "Förslag till beslut" is not
/// followed by the decision: what it says of an agreement is not yet done.
pub fn awaiting_decision(paragraphs: &[String]) -> bool {
    let Some(at) = paragraphs.iter().position(|p| PROPOSAL_HEADING.is_match(p)) else {
        return false;
    };
    !paragraphs[at + 1..]
        .iter()
        .any(|p| DECISION_HEADING.is_match(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Partner, Party, PartyKind};

    fn current(start: Option<&str>) -> Agreement {
        Agreement {
            form: Form::Iop,
            public_parties: vec![Party {
                name: "Skövde kommun".into(),
                code: Some("1496".into()),
                kind: Some(PartyKind::Kommun),
                unit: Some("socialnämnden".into()),
            }],
            partners: vec![Partner {
                name: "Kvinnohuset Tranan".into(),
            }],
            start: start.map(|s| s.parse().unwrap()),
            end: None,
            duration_months: None,
            extension_months: None,
            amounts: Vec::new(),
            public_sek_per_year: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn a_new_agreement_after_an_earlier_one_gives_two() {
        let names = vec!["Kvinnohuset Tranan".to_string()];
        let lines = [
            "Skövde kommun har sedan några år tillbaka ett avtal med Kvinnohuset Tranan om skyddat boende.",
            "Det nya avtalet sträcker sig två år fram till sista december 2020.",
        ];
        let e = earlier_agreement(&current(None), &names, &lines).expect("earlier");
        assert_eq!(e.form, Form::Agreement);
        assert_eq!(e.start, None);
        assert_eq!(e.partners[0].name, "Kvinnohuset Tranan");
        assert_eq!(e.public_parties[0].unit, None);

        let lines = [
            "Sedan 2014 har regionförbundet stöttat Kvinnohuset Tranan.",
            "Styrelsen beslutade att teckna ett nytt samarbetsavtal för åren 2016-2018.",
        ];
        let e = earlier_agreement(&current(Some("2016")), &names, &lines).expect("earlier");
        assert_eq!(e.start, Some("2014".parse().unwrap()));
    }

    #[test]
    fn no_earlier_agreement_without_a_new_one_or_a_stated_past() {
        let names = vec!["Kvinnohuset Tranan".to_string()];
        // no new agreement: one agreement running since 2014
        let lines = ["Kommunen har sedan 2014 ett avtal med Kvinnohuset Tranan."];
        assert!(earlier_agreement(&current(Some("2014")), &names, &lines).is_none());
        // a new agreement, nothing said of an earlier one
        let lines = [
            "Kommunen tecknar ett nytt avtal med Kvinnohuset Tranan.",
            "Föreningen har funnits sedan 1991.",
        ];
        assert!(earlier_agreement(&current(None), &names, &lines).is_none());
    }

    #[test]
    fn a_proposal_heading_without_a_decision() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(awaiting_decision(&p(&[
            "Ärendet",
            "Förslag till beslut",
            "Kommunstyrelsen föreslår kommunfullmäktige att godkänna avtalet.",
        ])));
        assert!(!awaiting_decision(&p(&[
            "Förslag till beslut",
            "Godkänna avtalet.",
            "Kommunfullmäktiges beslut",
            "Fullmäktige godkänner avtalet.",
        ])));
        assert!(!awaiting_decision(&p(&[
            "Kommunen tecknar avtal med föreningen; förslag till beslut finns i protokollet."
        ])));
    }
}

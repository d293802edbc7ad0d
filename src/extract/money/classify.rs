//! Which sums in an agreement's sentences are about that agreement, and for
//! each the period it covers (`per`) and who pays (`payer`). General Swedish
//! cues only: "per år", "årligen", "totalt", "finansieras av kommunen med",
//! "föreningens egen insats", "ekonomiska omfattning". Uses `parse` and
//! `record`.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::parse::find_money;
use crate::extract::period::{Role, cued_dates, stated_months};
use crate::record::{Amount, Payer, Per};

/// One amount of an agreement with the sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAmount {
    pub amount: Amount,
    /// Verbatim from the sentence: the sentence itself.
    pub evidence: String,
}

/// A hedge written before a sum: part of the sum as written.
static QUALIFIER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:drygt|cirka|ca\.?|c:a|omkring|runt|ungefär|nästan|närmare|knappt|uppemot|upp\s+till|maximalt|max|högst)\s+$")
        .expect("valid regex")
});

/// The period written right after a sum: "per år", "årligen", "för 2021".
static PER_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)^\s*(?:(?P<year>per\s+(?:kalender|verksamhets|budget|avtals)?år\b|årligen|om\s+året|i\s+året|i\s+år\b|varje\s+år|/\s*år\b)|(?P<month>per\s+månad|i\s+månaden|om\s+månaden|varje\s+månad|/\s*mån(?:ad)?\b)|för\s+(?:år\s+)?(?:19|20)\d\d\b)",
    )
    .expect("valid regex")
});

/// A rate, not a sum: "25 kronor per invånare".
static RATE_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:per|/|i|om|för\s+varje)\s*(?:invånare|kommuninvånare|medborgare|person|deltagare|barn|elev|timme|timmen|tim|dygn|dygnet|plats|medlem|boende|vecka|veckan|dag|dagen|brukare|kvadratmeter|kvm|st|styck|besök|natt)\b")
        .expect("valid regex")
});

/// A sum that ends a range ("mellan 30 och 40 miljoner", "500 000-600 000
/// kronor") or follows digits it may belong to ("1105 500 kronor"): no
/// one sum can be read.
static RANGE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:\bmellan\s+[\d\s,.]+\s+och\s*|\d\s*[-–]\s*|\d\s)$").expect("valid regex")
});

/// A sum that is a change or a comparison, not a payment: "en minskning
/// med 55 000 kronor", "30 000 kronor mer än", "höjs från 300 000 (till ...)".
static CHANGE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:\b(?:minskning|ökning|höjning|sänkning|skillnad|differens|besparing|neddragning|tillskott)(?:en)?\s+(?:med|på)|\b(?:höjs|sänks|ökar|minskar|ökade|minskade|höjdes|sänktes|höjts|sänkts)\s+(?:\p{L}+\s+)?(?:med|från)|\bfrån\s+(?:tidigare\s+)?|\bjämfört\s+med|\bistället\s+för|[:,]\s*(?:tidigare|förut|i\s+fjol)|^\s*(?:tidigare|förut))\s*(?:drygt\s+|cirka\s+|ca\.?\s+)?$")
        .expect("valid regex")
});

/// A clause about an earlier rate: "Tidigare fick föreningen 200 000
/// kronor per år", "hittills har kommunen betalat ...".
static EARLIER_RATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:och\s+|men\s+)?(?:tidigare|förut|hittills)\s+(?:fick|har|hade|var|låg|uppgick|betalade|gav|erhöll)\b")
        .expect("valid regex")
});

/// A part of a sum stated beside it: "fördelat på fyra utbetalningar à 61
/// 925 kr", "två delbetalningar om 50 000 kronor".
static INSTALMENT_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:(?:^|\s)[àá]|\b\p{L}*(?:utbetalningar|betalningar|rater|delar)\s+(?:om|på))\s*$",
    )
    .expect("valid regex")
});

/// "30 000 kronor mer än i fjol": a difference.
static CHANGE_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:mer|mindre|fler|färre|högre|lägre)\s+än\b").expect("valid regex")
});

/// A year with its preposition right before a sum ("för 2018 605.000
/// kronor"): the digits before the sum are a year, not part of it.
static YEAR_THEN_SUM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:för|år|i|under|inför|till|från|sedan|efter|om)\s+(?:19|20)\d\d,?\s$")
        .expect("valid regex")
});

/// A sentence about something else: last year's deal, the whole budget,
/// a pot to apply for or to share out.
static OTHER_MATTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(?:kommunens|regionens|nämndens|förvaltningens|stadens)\s+(?:totala\s+|samlade\s+)?budget|budgetram|kan söka|kan sökas|ansöka om|söka bidrag|ansökan|ansökt|ansöker|behövs|behöver|skulle behöva|ska fördelas|fördelas mellan|delas mellan|att fördela|per invånare|lån|lånet|lånen|borgen|borgensåtagande\w*|lånegaranti\w*|hyresgaranti\w*)\b")
        .expect("valid regex")
});

/// A sentence about the deal before this one: its sums are the earlier
/// agreement's, never the current one's.
static PREVIOUS_DEAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:förra årets|fjolårets|i fjol|förra året|föregående avtal|tidigare avtal)",
    )
    .expect("valid regex")
});

/// One named year in the clause before a sum: "för 2024", "under 2023",
/// "inför år 2025": a sum for that year is a yearly sum.
static NAMED_YEAR_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:för|under|inför)\s+(?:år\s+|verksamhetsåret\s+)?(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d)?")
        .expect("valid regex")
});

/// One named year right after a sum: "1,5 miljoner kronor under 2024",
/// "för år 2025": that year's sum.
static NAMED_YEAR_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:för|under)\s+(?:år\s+|verksamhetsåret\s+)?(?:19|20)\d\d\b")
        .expect("valid regex")
});

/// Between two sums: the second is a share of the first ("..., varav
/// kommunen står för ...").
static SHARE_OF: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)^[^.;]*\bvarav\b").expect("valid regex"));

/// Words before a sum that make it yearly / monthly.
static YEAR_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:årlig|årligt|årliga|årligen|per år|om året|årets|varje år|för\s+(?:år\s+)?(?:19|20)\d\d,?\s+\d)")
        .expect("valid regex")
});
static MONTH_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:månatlig|månatligt|månatliga|per månad|i månaden|varje månad)\b")
        .expect("valid regex")
});
/// A sum for the whole period or once.
static TOTAL_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:totalt|sammanlagt|sammantaget|engångs\w*|(?:under|för)\s+hela\s+(?:avtals|projekt)?perioden|under\s+(?:avtals|projekt)?perioden|för\s+(?:avtals|projekt)?perioden|(?:under|för)\s+(?:hela\s+)?avtalstiden|under\s+(?:de\s+)?(?:två|tre|fyra|fem|sex|tio|\d+)\s+(?:kommande\s+)?år(?:en)?|för\s+de\s+(?:kommande\s+)?(?:två|tre|fyra|fem|sex|tio|\d+)\s+(?:kommande\s+)?åren|över\s+(?:två|tre|fyra|fem|sex|tio|\d+)\s+år|fördelat\s+på\s+(?:två|tre|fyra|fem|\d+)\s+år|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)\b")
        .expect("valid regex")
});
/// The partnership's whole budget, both sides together.
static COMBINED_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:ekonomiska\s+omfattning\w*|omfattning|omsluter|omslutning|total\s+budget|totala\s+budget\w*|totalbudget\w*|budget\w*)\b")
        .expect("valid regex")
});
/// The organisation's own share.
static PARTNER_SHARE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:finansiering|egen\s+insats|egna\s+insats\w*|egen\s+finansiering|egna\s+medel|medfinansier\w*|bidra|bidrar|står\s+(?:själv\w*\s+|även\s+|också\s+|dessutom\s+)?för|skjuter\s+till|går\s+in\s+med|satsar|investerar|betala\w*|motprestation|ideell\w*\s+tid|volontär\w*|andel|del)\b")
        .expect("valid regex")
});
/// The organisation's own money, whoever is named: "en egen finansiering på".
static OWN_SHARE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:egen\s+(?:insats|finansiering|medfinansiering)|egna\s+(?:insats\w*|medel)|medfinansiering\w*\s+från\s+(?:föreningen|organisationen))\b")
        .expect("valid regex")
});

/// The organisation named, then its share: "Brottsofferjourens finansiering
/// är", "Stadsmissionen går in med", with no public body named in between.
fn partner_pays(before: &str, public: &[String], partners: &[String]) -> bool {
    let lower = before.to_lowercase();
    // (start, end) of each mention of the organisation
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for n in partners {
        let n = n.to_lowercase();
        let first = n.split_whitespace().next().unwrap_or("").to_string();
        for key in [n.clone(), first] {
            if key.chars().count() >= 6 || (key == n && key.chars().count() >= 4) {
                spans.extend(lower.match_indices(&key).map(|(i, k)| (i, i + k.len())));
            }
        }
    }
    // the organisation as a common noun: "föreningen betalar", "klubbens egen insats"
    for noun in crate::extract::lexicon::ORG_COMMON_NOUNS {
        spans.extend(
            lower
                .match_indices(noun)
                // a word of its own, not the end of "Brottsofferjouren"
                .filter(|(i, _)| !lower[..*i].ends_with(char::is_alphabetic))
                .map(|(i, k)| (i, i + k.len())),
        );
    }
    spans.into_iter().any(|(s, e)| {
        // "avtal med X och betalar": X is an object there, not who pays
        if OBJECT_BEFORE.is_match(&lower[..s]) {
            return false;
        }
        let gap = &lower[e..];
        let Some(cue) = PARTNER_SHARE.find(gap) else {
            return false;
        };
        // and the share nearest the sum is still the organisation's:
        // "Jourens del är 100 000 kronor, kommunens del 300 000 kronor"
        let last = PARTNER_SHARE
            .find_iter(gap)
            .last()
            .map_or(cue.start(), |m| m.start());
        cue.start() <= 40
            && !PUBLIC_NOUN.is_match(&gap[..last])
            && !public.iter().any(|p| {
                gap[..cue.start()]
                    .to_lowercase()
                    .contains(&p.to_lowercase())
            })
    })
}

/// A preposition right before a name: the name is its object ("avtal med
/// X", "stöd till X"), not the subject of the verb that follows.
static OBJECT_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:med|till|åt|hos|mellan|om|av|för|från|vid)\s+$").expect("valid regex")
});

/// The public side as a common noun.
static PUBLIC_NOUN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:kommun|kommunen|kommunens|region|regionen|regionens|\w*nämnd\w*|\w*förvaltning\w*|\w*styrelse\w*|\w*fullmäktige|staden|stadens|landsting\w*|socialtjänst\w*|skattebetalar\w*|skattemedel|skattepengar)\b")
        .expect("valid regex")
});
/// A grant or payment, or a party's share of it ("Kommunens del är",
/// "föreningens andel").
static PAYMENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\w*bidrag\w*|\w*stöd\w*|stött\w*|ersätt\w*|\w*finansier\w*|får|fått|fick|erhåller|erhöll|erhållit|tilldela\w*|beviljat?|anslag\w*|anslå\w*|avsätt\w*|avsatt\w*|betala\w*|medel|satsar|satsning\w*|kostnad\w*|kostar|pengar|ger|gav|ges|andel|\w+(?:ens|ets) del)\b")
        .expect("valid regex")
});

/// The agreement's own value: "Avtalet är värt 2,4 mnkr", "Överenskommelsen
/// omfattar totalt 3 miljoner kronor", "ett IOP till ett värde av": what
/// the public body commits to it.
static AGREEMENT_VALUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        // the agreement, or its noun left out after "den nya" ("Den nya
        // gäller 2019–2021 och omfattar ...")
        r"(?i)(?:\b(?:\p{L}*avtal(?:et)?|\p{L}*överenskommelse(?:n)?|\p{L}*partnerskap(?:et)?|iop(?:-avtalet|:et)?|(?:den|det)\s+(?:nya|förnyade|förlängda))\s+",
        // "Avtalet gäller 2023–2025 och omfattar": a second verb of the
        // agreement's own clause
        r"(?:(?:\p{L}+\s+){0,2}|[^.;,]{0,50}?\s+och\s+(?:\p{L}+\s+)?)",
        r"(?:är\s+värt|är\s+värd|var\s+värt|omfattar|omfattade|uppgår\s+till|uppgick\s+till|(?:har|hade)\s+ett\s+värde\s+(?:av|på))|",
        // "Avtalet löper i tre år och totalt handlar det om 1,5 miljoner"
        r"\b(?:\p{L}*avtal(?:et)?|\p{L}*överenskommelse(?:n)?|\p{L}*partnerskap(?:et)?)\s+[^.;]{0,60}?\b(?:handlar\s+det\s+om|rör\s+det\s+sig\s+om)|",
        // "Värdet av avtalet är", "Avtalets totala värde uppgår till"
        r"\bvärdet\s+(?:av|på)\s+(?:det\s+nya\s+)?(?:\p{L}*avtal(?:et)?|\p{L}*överenskommelse(?:n)?|\p{L}*partnerskap(?:et)?|iop(?:-avtalet)?)\s+(?:är|var|blir|uppgår\s+till|uppgick\s+till|beräknas\s+till)|",
        r"\b(?:\p{L}*avtalets|\p{L}*överenskommelsens|\p{L}*partnerskapets)\s+(?:totala\s+|sammanlagda\s+|samlade\s+)?värde\s+(?:är|var|blir|uppgår\s+till|uppgick\s+till|beräknas\s+till)|",
        r"\btill\s+ett\s+(?:sammanlagt\s+|totalt\s+)?värde\s+(?:av|på))\s+(?:\p{L}+\s+){0,2}$"
    ))
    .expect("valid regex")
});

/// A second sum whose verb is left out after "och": "Kommunen står för
/// 400 000 kronor och föreningen för 200 000", "... och Röda Korset med
/// 100 000 kronor per år": `who` pays it.
static ELLIPTIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:kr|kronor|kr\.|mkr|mnkr|miljoner|miljon|tkr)(?:\s+(?:per|om|i|varje)\s+\p{L}+)?\s+(?:och|medan|samt)\s+(?P<who>\p{L}[\p{L}\s\-]{1,60}?)\s+(?:med|för)\s+$")
        .expect("valid regex")
});

/// The payer of a sum whose verb the sentence left out, from the one named
/// before it, when the sum before it was a share or a payment: `None` when
/// the sentence has no such ellipsis, `Some(None)` when the one named is
/// neither side (another organisation's money).
fn elliptic_payer(before: &str, public: &[String], partners: &[String]) -> Option<Option<Payer>> {
    let tail = before.trim_end();
    if !(tail.ends_with(" med") || tail.ends_with(" för")) {
        return None;
    }
    let c = ELLIPTIC.captures(before)?;
    let head = &before[..c.get(0).expect("match").start()];
    if !(PARTNER_SHARE.is_match(head) || PAYMENT.is_match(head)) {
        return None;
    }
    let who = c["who"].to_lowercase();
    let named = |names: &[String]| {
        names
            .iter()
            .any(|n| n.chars().count() >= 4 && who.contains(&n.to_lowercase()))
    };
    Some(if PUBLIC_NOUN.is_match(&who) || named(public) {
        Some(Payer::Public)
    } else if named(partners) || ORG_NOUN.is_match(&who) {
        Some(Payer::Partner)
    } else {
        None
    })
}

/// The organisation as a common noun.
static ORG_NOUN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b\p{{L}}*(?:{})\b",
        crate::extract::lexicon::org_common_nouns()
    ))
    .expect("valid regex")
});

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Public,
    Partner,
}

/// The last mention of either side in `before`, and where it ends.
fn nearest_side(before: &str, public_names: &[String], partner_names: &[String]) -> Option<Side> {
    let lower = before.to_lowercase();
    let last = |names: &mut dyn Iterator<Item = String>| -> Option<usize> {
        names
            .filter(|n| n.chars().count() >= 4)
            .filter_map(|n| lower.rfind(&n).map(|i| i + n.len()))
            .max()
    };
    let partner = last(&mut partner_names.iter().flat_map(|n| {
        let n = n.to_lowercase();
        // "Brottsofferjourens" for "Brottsofferjouren i Linköping"
        let first = n.split_whitespace().next().unwrap_or("").to_string();
        let first = if first.chars().count() >= 6 {
            Some(first)
        } else {
            None
        };
        std::iter::once(n).chain(first)
    }));
    let public = last(&mut public_names.iter().map(|n| n.to_lowercase()))
        .max(PUBLIC_NOUN.find_iter(before).map(|m| m.end()).last());
    match (public, partner) {
        (Some(a), Some(b)) => Some(if a >= b { Side::Public } else { Side::Partner }),
        (Some(_), None) => Some(Side::Public),
        (None, Some(_)) => Some(Side::Partner),
        (None, None) => None,
    }
}

/// The clause of `s` before byte `at`: from the last ",", ";" or ":" on.
fn clause_before(s: &str, at: usize) -> &str {
    let head = &s[..at];
    head.rfind([';', ':']).map_or(head, |i| &head[i + 1..])
}

/// True when the sum's clause speaks of an earlier rate ("Tidigare fick
/// föreningen 200 000 kronor per år, nu blir det 350 000 kronor").
fn earlier_rate(sentence: &str, start: usize) -> bool {
    let before = clause_before(sentence, start);
    let near = &before[before.rfind(',').map_or(0, |i| i + 1)..];
    EARLIER_RATE.is_match(near)
}

/// True when the organisation named last before a sum is another
/// agreement's, not this one's.
fn belongs_to_other(before: &str, mine: &[String], others: &[String]) -> bool {
    let last = |names: &[String]| {
        names
            .iter()
            .flat_map(|n| short_forms(n))
            .filter(|n| n.chars().count() >= 3)
            .filter_map(|n| before.rfind(n).map(|i| i + n.len()))
            .max()
    };
    match (last(others), last(mine)) {
        (Some(o), Some(m)) => o > m,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A name and the shorter forms a page writes it by once introduced: without
/// its place ("Kvinnojouren i Norrby" -> "Kvinnojouren") or its legal form
/// ("Föreningen Klubbhuset" -> "Klubbhuset").
fn short_forms(name: &str) -> Vec<&str> {
    let mut out = vec![name];
    if let Some((head, _)) = name.rsplit_once(" i ")
        && head.chars().count() >= 6
    {
        out.push(head);
    }
    if let Some((first, rest)) = name.split_once(' ')
        && crate::extract::lexicon::is_listed_head(first)
        && rest.chars().count() >= 4
    {
        out.push(rest);
    }
    out
}

fn payer_of(
    sentence: &str,
    start: usize,
    end: usize,
    public: &[String],
    partners: &[String],
) -> Option<Payer> {
    let before = clause_before(sentence, start);
    let near: &str = {
        // the last few words before the sum
        let mut cut = before.len().saturating_sub(60);
        while !before.is_char_boundary(cut) {
            cut += 1;
        }
        &before[cut..]
    };
    let side = nearest_side(before, public, partners);
    if COMBINED_CUE.is_match(near) && !PARTNER_SHARE.is_match(near) && !PUBLIC_NOUN.is_match(near) {
        return Some(Payer::Combined);
    }
    let after = &sentence[end..];
    let after = &after[..after.find(['.', ';']).unwrap_or(after.len())];
    if after.trim_start().to_lowercase().starts_with("från") {
        return match nearest_side(after, public, partners) {
            Some(Side::Partner) => Some(Payer::Partner),
            Some(Side::Public) => Some(Payer::Public),
            None => None,
        };
    }
    if let Some(payer) = elliptic_payer(before, public, partners) {
        return payer;
    }
    // the organisation's own money, unless another sum has come between:
    // "Föreningens egen insats är 100 000 kronor och kommunen betalar 300 000"
    let own_share = OWN_SHARE
        .find_iter(before)
        .last()
        .is_some_and(|m| find_money(&before[m.end()..]).is_empty());
    if own_share || partner_pays(before, public, partners) {
        return Some(Payer::Partner);
    }
    match side {
        Some(_) if PAYMENT.is_match(sentence) => Some(Payer::Public),
        // "Kommunen bidrar med", "regionen står för": the public body's share
        Some(Side::Public) if PARTNER_SHARE.is_match(before) => Some(Payer::Public),
        None if PAYMENT.is_match(sentence) || AGREEMENT_VALUE.is_match(near) => Some(Payer::Public),
        _ => None,
    }
}

fn per_of(sentence: &str, start: usize, end: usize) -> (Option<Per>, usize, Option<usize>) {
    if let Some(c) = PER_AFTER.captures(&sentence[end..]) {
        let len = c.get(0).expect("match").end();
        let per = if c.name("month").is_some() {
            Per::Month
        } else {
            Per::Year
        };
        return (Some(per), end + len, None);
    }
    let before = clause_before(sentence, start);
    let rest = &sentence[end..];
    let rest = &rest[..rest.find([',', '.', ';']).unwrap_or(rest.len())];
    if MONTH_BEFORE.is_match(before) || MONTH_BEFORE.is_match(rest) {
        return (Some(Per::Month), end, None);
    }
    // the comma clause of the sum decides first: "900 000 kronor per år,
    // alltså totalt 1,8 miljoner" is a total, its "per år" belongs to the
    // sum before it
    let clause_start = before.rfind(',').map_or(0, |i| i + 1);
    let near = &before[clause_start..];
    let near_with_sum = &sentence[start - near.len()..end];
    if TOTAL_CUE.is_match(near) {
        return (Some(Per::Total), end, None);
    }
    // one named year in the clause: "för 2023 350 000 kronor" is that
    // year's sum, and its text keeps the year
    let named_at = || {
        NAMED_YEAR_BEFORE
            .find_iter(near)
            .last()
            .filter(|m| !m.as_str().contains(['-', '–']))
            .filter(|m| find_money(&near[m.end()..]).is_empty())
            // "380 000 kronor för 2021": a year right after a sum is that sum's
            .filter(|m| {
                !find_money(&near[..m.start()])
                    .last()
                    .is_some_and(|x| near[x.range.end..m.start()].trim().is_empty())
            })
            .map(|m| start - near.len() + m.start())
    };
    if YEAR_BEFORE.is_match(near_with_sum) || YEAR_BEFORE.is_match(rest) {
        return (Some(Per::Year), end, named_at());
    }
    if TOTAL_CUE.is_match(rest) {
        return (Some(Per::Total), end, None);
    }
    // one named year right after the sum: "1,5 miljoner kronor under 2024"
    // (not a range of years: "under 2024–2026"); its text keeps the year,
    // which tells sums of different years apart
    if let Some(m) = NAMED_YEAR_AFTER.find(rest)
        && !rest[m.end()..].trim_start().starts_with(['-', '–'])
    {
        return (Some(Per::Year), end + m.end(), None);
    }
    // a cue further back in the sentence that no other sum stands between
    let with_sum = &sentence[start - before.len()..end];
    let other_sum_between = find_money(&before[..clause_start]).last().is_some();
    if !other_sum_between && YEAR_BEFORE.is_match(with_sum) {
        return (Some(Per::Year), end, named_at());
    }
    if let Some(at) = named_at() {
        return (Some(Per::Year), end, Some(at));
    }
    // a sum with no period in a sentence that states the agreement's whole time
    let period = cued_dates(sentence, None);
    let both =
        period.iter().any(|d| d.role == Role::Start) && period.iter().any(|d| d.role == Role::End);
    if both || stated_months(sentence).is_some() {
        return (Some(Per::Total), end, None);
    }
    (None, end, None)
}

/// The amounts tied to one agreement, in order of appearance, each with its
/// period and payer; the same sum stated twice is kept once; sums about
/// something else (rates per inhabitant, the whole budget, last year's
/// deal, pots to apply for or share out) are left out.
pub fn agreement_amounts(
    sentences: &[&str],
    public_names: &[String],
    partner_names: &[String],
) -> Vec<FoundAmount> {
    agreement_amounts_among(sentences, public_names, partner_names, &[], None, false)
}

/// As [`agreement_amounts`], on a page with other agreements whose
/// organisations are `others`: a sum whose clause names one of them, and not
/// this agreement's organisation, nearest before it is theirs. A sum whose
/// sentence says nobody pays or gets it is left out, unless `unsaid` says who
/// pays what the sentences leave unsaid (a public body's list of its
/// agreements). `earlier` when the sentences are an earlier agreement's own
/// ("Det tidigare avtalet omfattade 300 000 kronor per år"): the sums of the
/// deal before are its sums.
pub fn agreement_amounts_among(
    sentences: &[&str],
    public_names: &[String],
    partner_names: &[String],
    others: &[String],
    unsaid: Option<Payer>,
    earlier: bool,
) -> Vec<FoundAmount> {
    let mut out: Vec<FoundAmount> = Vec::new();
    for sentence in sentences {
        if OTHER_MATTER.is_match(sentence) || (!earlier && PREVIOUS_DEAL.is_match(sentence)) {
            continue;
        }
        // the sentence's last sum kept: its index in `out` and where it ends
        let mut last_kept: Option<(usize, usize)> = None;
        for m in find_money(sentence) {
            let (start, end) = (m.range.start, m.range.end);
            if RATE_AFTER.is_match(&sentence[end..])
                || (RANGE_BEFORE.is_match(&sentence[..start])
                    && !YEAR_THEN_SUM.is_match(&sentence[..start]))
                || CHANGE_BEFORE.is_match(&sentence[..start])
                || CHANGE_AFTER.is_match(&sentence[end..])
                || INSTALMENT_BEFORE.is_match(&sentence[..start])
                || earlier_rate(sentence, start)
                || m.sek >= 1_000_000_000
                || belongs_to_other(&sentence[..start], partner_names, others)
            {
                continue;
            }
            if out.iter().any(|f| f.amount.sek == m.sek) {
                continue;
            }
            let (mut per, text_end, year_start) = per_of(sentence, start, end);
            // a sum nobody is said to pay or get is seldom the agreement's:
            // a budget, a cost, a price, a prize
            let Some(payer) =
                payer_of(sentence, start, end, public_names, partner_names).or(unsaid)
            else {
                continue;
            };
            // "totalt 4 miljoner kronor per år, varav kommunen står för 2,5
            // miljoner": a share of the sum before it, for the same time; the
            // sum before is the whole, paid by all together
            if let Some((k, prev_end)) = last_kept
                && SHARE_OF.is_match(&sentence[prev_end..start])
            {
                if per.is_none() {
                    per = out[k].amount.per;
                }
                if payer == Payer::Public && out[k].amount.payer == Some(Payer::Public) {
                    out[k].amount.payer = Some(Payer::Combined);
                }
            }
            last_kept = Some((out.len(), text_end.max(end)));
            // a sum for a year named before it keeps the year: "för 2023 350 000 kronor"
            let text_start = year_start.unwrap_or_else(|| {
                QUALIFIER
                    .find(&sentence[..start])
                    .map_or(start, |q| q.start())
            });
            out.push(FoundAmount {
                amount: Amount {
                    sek: m.sek,
                    per,
                    payer: Some(payer),
                    text: sentence[text_start..text_end].trim().to_string(),
                },
                evidence: sentence.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn run(sentences: &[&str]) -> Vec<(i64, Option<Per>, Option<Payer>, String)> {
        agreement_amounts(
            sentences,
            &names(&["Linköpings kommun", "Social- och omsorgsförvaltningen"]),
            &names(&["Brottsofferjouren i Linköping"]),
        )
        .into_iter()
        .map(|f| (f.amount.sek, f.amount.per, f.amount.payer, f.amount.text))
        .collect()
    }

    #[test]
    fn an_instalment_of_a_stated_sum_is_no_sum_of_its_own() {
        let got = run(&[
            "Kommunen betalar totalt 247 700 kr, fördelat på fyra utbetalningar à 61 925 kr.",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 247_700);
        let got = run(&["Kommunen betalar 100 000 kronor i två delbetalningar om 50 000 kronor."]);
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [100_000]);
    }

    #[test]
    fn a_sum_nobody_pays_or_gets_is_left_out() {
        // a price, a cost of something else: no payer, no amount
        assert!(run(&["Avtalet gäller en lokal som är värd 2 miljoner kronor."]).is_empty());
        // "fick" is a payment received
        let got = run(&["Då fick föreningen 300 000 kronor per år enligt avtalet."]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, Some(Payer::Public));
        // a public body's list says who pays what it leaves unsaid
        let got = agreement_amounts_among(
            &["Växjö Stadsmission, dagverksamhet (800 000 kronor per år)"],
            &names(&["Växjö kommun"]),
            &names(&["Växjö Stadsmission"]),
            &[],
            Some(Payer::Public),
            false,
        );
        assert_eq!(got[0].amount.payer, Some(Payer::Public));
    }

    #[test]
    fn the_agreements_value_after_another_verb_of_its_clause() {
        for (s, sek, per) in [
            (
                "Avtalet gäller 2023–2025 och omfattar 450 000 kronor per år.",
                450_000,
                Some(Per::Year),
            ),
            (
                "Avtalet gäller i tre år och är värt 1,2 miljoner kronor.",
                1_200_000,
                Some(Per::Total),
            ),
            (
                "Avtalet löper över tre år och totalt handlar det om 1,5 miljoner kronor.",
                1_500_000,
                Some(Per::Total),
            ),
            // the value as the subject: "Värdet av avtalet", "Avtalets värde"
            ("Värdet av avtalet är 1,2 mkr.", 1_200_000, None),
            (
                "Avtalets totala värde uppgår till 900 000 kronor per år.",
                900_000,
                Some(Per::Year),
            ),
            // the noun left out after "den nya"
            (
                "Den nya gäller 2019–2021 och omfattar 2,4 miljoner kronor per år.",
                2_400_000,
                Some(Per::Year),
            ),
        ] {
            assert_eq!(
                run(&[s]).first().map(|g| (g.0, g.1, g.2)),
                Some((sek, per, Some(Payer::Public))),
                "{s}"
            );
        }
        // what the agreement is about has a value of its own
        assert!(run(&["Avtalet gäller en lokal som är värd 2 miljoner kronor."]).is_empty());
        assert!(run(&["Det rör sig om 450 000 kronor per år."]).is_empty());
        assert!(run(&["Värdet av fastigheten är 2 miljoner kronor."]).is_empty());
    }

    #[test]
    fn seed_amounts_with_period_and_payer() {
        let got = run(&[
            "Överenskommelsens ekonomiska omfattning är 1 194 500 kronor per år.",
            "Överenskommelsen finansieras av Social- och omsorgsförvaltningen med 553 200 kronor per år, Brottsofferjourens finansiering är 641 300 kronor per år.",
        ]);
        assert_eq!(
            got,
            [
                (
                    1_194_500,
                    Some(Per::Year),
                    Some(Payer::Combined),
                    "1 194 500 kronor per år".into()
                ),
                (
                    553_200,
                    Some(Per::Year),
                    Some(Payer::Public),
                    "553 200 kronor per år".into()
                ),
                (
                    641_300,
                    Some(Per::Year),
                    Some(Payer::Partner),
                    "641 300 kronor per år".into()
                ),
            ]
        );
    }

    #[test]
    fn totals_hedges_and_named_years() {
        let got = run(&[
            "Kommunen avsätter totalt drygt fyra miljoner kronor under de fyra åren.",
            "Nämnden tecknar ett treårigt avtal med en kostnad på runt 20 miljoner kronor.",
            "Föreningen får 380 000 kronor för 2021 och ett årligt bidrag på 650 000 kr.",
            "Hyran som föreningen betalar blir för 2018 605.000 kronor.",
        ]);
        assert_eq!(
            got,
            [
                (
                    4_000_000,
                    Some(Per::Total),
                    Some(Payer::Public),
                    "drygt fyra miljoner kronor".into()
                ),
                (
                    20_000_000,
                    Some(Per::Total),
                    Some(Payer::Public),
                    "runt 20 miljoner kronor".into()
                ),
                (
                    380_000,
                    Some(Per::Year),
                    Some(Payer::Public),
                    "380 000 kronor för 2021".into()
                ),
                (
                    650_000,
                    Some(Per::Year),
                    Some(Payer::Public),
                    "650 000 kr".into()
                ),
                (
                    605_000,
                    Some(Per::Year),
                    Some(Payer::Partner),
                    "för 2018 605.000 kronor".into()
                ),
            ]
        );
    }

    #[test]
    fn a_year_named_right_after_a_sum_makes_it_that_years_sum() {
        let got = run(&[
            "Regionen betalar 1,5 miljoner kronor under 2024 och 1,6 miljoner kronor under 2025.",
            "Kommunen betalar 900 000 kronor under 2024–2026.",
        ]);
        let texts: Vec<(i64, Option<Per>, String)> = got
            .into_iter()
            .map(|(sek, per, _, text)| (sek, per, text))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    1_500_000,
                    Some(Per::Year),
                    "1,5 miljoner kronor under 2024".into()
                ),
                (
                    1_600_000,
                    Some(Per::Year),
                    "1,6 miljoner kronor under 2025".into()
                ),
                (900_000, Some(Per::Total), "900 000 kronor".into()),
            ]
        );
    }

    #[test]
    fn a_share_after_varav_is_for_the_same_time_and_the_sum_before_is_the_whole() {
        let got = run(&[
            "Boendet kostar totalt 4 miljoner kronor per år att driva, varav kommunen står för 2,5 miljoner kronor.",
        ]);
        assert_eq!(
            got,
            [
                (
                    4_000_000,
                    Some(Per::Year),
                    Some(Payer::Combined),
                    "4 miljoner kronor per år".into()
                ),
                (
                    2_500_000,
                    Some(Per::Year),
                    Some(Payer::Public),
                    "2,5 miljoner kronor".into()
                ),
            ]
        );
    }

    #[test]
    fn sums_about_something_else_are_left_out() {
        let got = run(&[
            "Kommunen betalar 25 kronor per invånare till jouren.",
            "Förra årets avtal var värt 400 000 kronor.",
            "Föreningar kan söka bidrag ur en pott på 2 miljoner kronor.",
            "Kommunens budget är 4,5 miljarder kronor.",
            "Stödet är 300 000 kronor per år och 300 000 kronor per år igen.",
        ]);
        assert_eq!(
            got,
            [(
                300_000,
                Some(Per::Year),
                Some(Payer::Public),
                "300 000 kronor per år".into()
            )]
        );
    }

    #[test]
    fn an_old_rate_is_no_amount_and_a_sum_for_the_period_is_a_total() {
        let got = run(&[
            "I det nya avtalet höjs ersättningen: tidigare 300 000 kronor, nu 400 000 kronor per år.",
            "Ersättning: 180 000 kronor för avtalsperioden.",
            "Varje förening får 90 000 kronor för perioden.",
        ]);
        assert_eq!(
            got.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(),
            [
                (400_000, Some(Per::Year)),
                (180_000, Some(Per::Total)),
                (90_000, Some(Per::Total))
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn agreement_amounts_never_panic(s in "[\\PC]{0,100}", n in "[İıAaÅåöÖ ]{0,12}") {
            let text = format!("{n} {s} 300 000 kronor per år {n}");
            for f in agreement_amounts(&[&text], std::slice::from_ref(&n), std::slice::from_ref(&n)) {
                proptest::prop_assert!(text.contains(&f.amount.text));
            }
        }
    }

    #[test]
    fn the_public_body_contributing_pays() {
        let got = run(&["Kommunen bidrar med 900 000 kronor per år."]);
        assert_eq!(got[0].2, Some(Payer::Public));
        let got = run(&["Regionen står för 250 000 kronor av kostnaden."]);
        assert_eq!(got[0].2, Some(Payer::Public));
        // the organisation after "med" is no subject of the verb that follows
        let got = run(&[
            "Kommunen har tecknat avtal med Brottsofferjouren i Linköping och betalar 300 000 kronor per år.",
        ]);
        assert_eq!(got[0].2, Some(Payer::Public));
        let got = run(&["Brottsofferjouren i Linköping betalar 50 000 kronor per år för lokalen."]);
        assert_eq!(got[0].2, Some(Payer::Partner));
    }

    #[test]
    fn a_partys_share_is_paid_by_that_party() {
        let payers = |t: &str| -> Vec<(i64, Option<Payer>)> {
            run(&[t]).iter().map(|g| (g.0, g.2)).collect()
        };
        assert_eq!(
            payers("Kommunens del är 250 000 kronor per år."),
            [(250_000, Some(Payer::Public))]
        );
        assert_eq!(
            payers(
                "Brottsofferjourens del är 100 000 kronor per år, kommunens del 300 000 kronor per år."
            ),
            [
                (100_000, Some(Payer::Partner)),
                (300_000, Some(Payer::Public))
            ]
        );
        // the organisation's own money ends where the next sum begins
        assert_eq!(
            payers(
                "Föreningens egen insats är 100 000 kronor per år och kommunen betalar 300 000 kronor per år."
            ),
            [
                (100_000, Some(Payer::Partner)),
                (300_000, Some(Payer::Public))
            ]
        );
    }

    #[test]
    fn a_second_sum_without_its_verb_is_paid_by_the_one_named_before_it() {
        let got = run(&[
            "Kommunen står för 400 000 kronor och föreningen för 200 000 kronor.",
            "Kommunen bidrar med 300 000 kronor per år och Brottsofferjouren med 100 000 kronor per år.",
        ]);
        let payers: Vec<(i64, Option<Payer>)> = got.iter().map(|g| (g.0, g.2)).collect();
        assert_eq!(
            payers,
            [
                (400_000, Some(Payer::Public)),
                (200_000, Some(Payer::Partner)),
                (300_000, Some(Payer::Public)),
                (100_000, Some(Payer::Partner)),
            ]
        );
        // another organisation's money is no one's here
        let got = run(&["Kommunen står för 400 000 kronor och Röda Korset för 200 000 kronor."]);
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [400_000]);
    }

    #[test]
    fn dotted_capital_i_does_not_shift_offsets() {
        let got = run(&["İİİ Föreningen İstanbul står för 40 000 kronor."]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn cue_regexes_match_what_they_name() {
        assert!(QUALIFIER.is_match("omfattar cirka "));
        assert!(RANGE_BEFORE.is_match("mellan 30 och "));
        assert!(RANGE_BEFORE.is_match("ansökan på 500 000-"));
        assert!(RANGE_BEFORE.is_match("bevilja 1105 "));
        assert!(!RANGE_BEFORE.is_match("bevilja "));
        assert!(PER_AFTER.is_match(" per månad"));
        assert!(PER_AFTER.is_match(" för år 2022"));
        assert!(PER_AFTER.is_match(" i år"));
        assert!(!PER_AFTER.is_match(" i åratal"));
        assert!(RATE_AFTER.is_match(" per invånare"));
        assert!(!RATE_AFTER.is_match(" per år"));
        assert!(OTHER_MATTER.is_match("Kommunens totala budget är stor"));
        assert!(YEAR_BEFORE.is_match("ett årligt bidrag på"));
        assert!(YEAR_BEFORE.is_match("Hyran blir för 2018 6"));
        assert!(!YEAR_BEFORE.is_match("Avtalet för 2023–2025 ger 6"));
        assert!(YEAR_THEN_SUM.is_match("Hyran blir för 2018 "));
        assert!(!YEAR_THEN_SUM.is_match("bevilja 1105 "));
        assert!(MONTH_BEFORE.is_match("ett bidrag per månad"));
        assert!(TOTAL_CUE.is_match("sammanlagt under perioden"));
        assert!(TOTAL_CUE.is_match("under tre år"));
        assert!(COMBINED_CUE.is_match("ekonomiska omfattning är"));
        assert!(PARTNER_SHARE.is_match("föreningens egen insats är"));
        assert!(PUBLIC_NOUN.is_match("regionen betalar"));
        assert!(PAYMENT.is_match("får ett bidrag"));
        assert!(PAYMENT.is_match("avtal som ger organisationen"));
        assert!(OTHER_MATTER.is_match("Enligt beräkningarna behövs 650 000 kronor"));
    }
}

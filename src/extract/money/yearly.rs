//! The public body's yearly payment (`public_sek_per_year`) as the
//! annotation rules define it: yearly public amounts added up (a stated sum
//! of the parts not added again), or a public total spread over the
//! agreement's length. Uses `record` and `period`.

use crate::extract::period::Period;
use crate::record::{Amount, Payer, Per};

/// Months the period covers: a stated length, one named year, else both
/// full ends.
pub fn period_months(period: &Period) -> Option<u32> {
    if let Some(d) = &period.duration_months {
        return Some(d.value);
    }
    // "Avtalet gäller år 2009": one named year is twelve months
    if let (Some(s), Some(e)) = (&period.start, &period.end)
        && s.value.month.is_none()
        && s.value == e.value
    {
        return Some(12);
    }
    let start = period.start.as_ref()?.value.to_naive()?;
    let end = period.end.as_ref()?.value.to_naive()?;
    crate::extract::period::months_between(start, end)
}

/// `numerator / denominator` rounded half up, for positive numbers.
fn div_half_up(numerator: i128, denominator: i128) -> i64 {
    ((2 * numerator + denominator) / (2 * denominator)) as i64
}

/// The public body's yearly payment and how it was derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Yearly {
    pub sek: i64,
    /// Indices of the amounts it was derived from.
    pub amounts: Vec<usize>,
    /// The months a total was divided by, when it was.
    pub months: Option<u32>,
}

/// The public body's yearly payment, or `None` when the text does not
/// support one (a total shorter than a year, yearly sums that differ from
/// year to year, nothing public).
pub fn public_sek_per_year(amounts: &[Amount], period: &Period) -> Option<i64> {
    yearly(amounts, period).map(|y| y.sek)
}

/// The public body's yearly payment with the amounts behind it: the yearly
/// public amounts added (a stated sum of the others kept alone), or the one
/// public total spread over the agreement's months.
pub fn yearly(amounts: &[Amount], period: &Period) -> Option<Yearly> {
    let yearly: Vec<(usize, &Amount)> = amounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.payer == Some(Payer::Public) && a.per == Some(Per::Year))
        .collect();
    if !yearly.is_empty() {
        // sums for named years ("för 2021", "för år 2022") that differ: no one yearly figure
        let named: Vec<&Amount> = yearly
            .iter()
            .map(|(_, a)| *a)
            .filter(|a| names_a_year(&a.text))
            .collect();
        if named.len() >= 2 && named.iter().any(|a| a.sek != named[0].sek) {
            return None;
        }
        let total: i64 = yearly.iter().map(|(_, a)| a.sek).sum();
        // one of them is the stated sum of the others
        if let Some(&(i, stated)) = yearly
            .iter()
            .find(|(_, a)| yearly.len() > 2 && 2 * a.sek == total)
        {
            return Some(Yearly {
                sek: stated.sek,
                amounts: vec![i],
                months: None,
            });
        }
        return Some(Yearly {
            sek: total,
            amounts: yearly.iter().map(|(i, _)| *i).collect(),
            months: None,
        });
    }
    let totals: Vec<(usize, &Amount)> = amounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.payer == Some(Payer::Public) && a.per == Some(Per::Total))
        .collect();
    let [(i, total)] = totals.as_slice() else {
        return None;
    };
    let months = period_months(period)?;
    if months < 12 {
        return None;
    }
    Some(Yearly {
        sek: div_half_up(total.sek as i128 * 12, months as i128),
        amounts: vec![*i],
        months: Some(months),
    })
}

/// "380 000 kronor för 2021", "200 000 kronor i år": the amount is for one
/// named year.
fn names_a_year(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "för 19",
        "för 20",
        "för år",
        "under 19",
        "under 20",
        "inför 20",
        "inför år",
    ]
    .iter()
    .any(|y| t.contains(y))
        || t.ends_with(" i år")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::period::Dated;

    fn a(sek: i64, per: Per, text: &str) -> Amount {
        Amount {
            sek,
            per: Some(per),
            payer: Some(Payer::Public),
            text: text.into(),
        }
    }

    fn months(m: u32) -> Period {
        Period {
            duration_months: Some(Dated {
                value: m,
                evidence: String::new(),
            }),
            ..Period::default()
        }
    }

    #[test]
    fn yearly_parts_add_up_and_a_stated_sum_is_not_added_again() {
        let parts = [
            a(650_000, Per::Year, "650 000 kr per år"),
            a(350_000, Per::Year, "350 000 kr per år"),
        ];
        assert_eq!(
            public_sek_per_year(&parts, &Period::default()),
            Some(1_000_000)
        );
        let with_sum = [
            parts[0].clone(),
            parts[1].clone(),
            a(1_000_000, Per::Year, "en miljon årligen"),
        ];
        assert_eq!(
            public_sek_per_year(&with_sum, &Period::default()),
            Some(1_000_000)
        );
    }

    #[test]
    fn totals_spread_over_the_length_half_up() {
        assert_eq!(
            public_sek_per_year(&[a(20_000_000, Per::Total, "20 miljoner")], &months(36)),
            Some(6_666_667)
        );
        assert_eq!(
            public_sek_per_year(&[a(800_000, Per::Total, "800 000 kronor")], &months(16)),
            Some(600_000)
        );
        assert_eq!(
            public_sek_per_year(&[a(800_000, Per::Total, "800 000 kronor")], &months(6)),
            None
        );
        assert_eq!(
            public_sek_per_year(
                &[a(800_000, Per::Total, "800 000 kronor")],
                &Period::default()
            ),
            None
        );
    }

    #[test]
    fn a_total_for_one_named_year_is_that_years_sum() {
        let year = |y: &str| Dated {
            value: y.parse().expect("date"),
            evidence: String::new(),
        };
        let one = Period {
            start: Some(year("2009")),
            end: Some(year("2009")),
            ..Period::default()
        };
        assert_eq!(
            public_sek_per_year(&[a(247_700, Per::Total, "247 700 kr")], &one),
            Some(247_700)
        );
        // years apart say nothing sure of the months
        let three = Period {
            start: Some(year("2023")),
            end: Some(year("2025")),
            ..Period::default()
        };
        assert_eq!(
            public_sek_per_year(&[a(900_000, Per::Total, "900 000 kr")], &three),
            None
        );
    }

    #[test]
    fn sums_that_differ_by_year_give_none() {
        let by_year = [
            a(380_000, Per::Year, "380 000 kronor för 2021"),
            a(650_000, Per::Year, "650 000 kronor för år 2022"),
        ];
        assert_eq!(public_sek_per_year(&by_year, &Period::default()), None);
        let this_year = [
            a(200_000, Per::Year, "200 000 kronor i år"),
            a(300_000, Per::Year, "300 000 kronor för 2026"),
        ];
        assert_eq!(public_sek_per_year(&this_year, &Period::default()), None);
    }

    #[test]
    fn partner_money_is_not_public() {
        let mut own = a(641_300, Per::Year, "641 300 kronor per år");
        own.payer = Some(Payer::Partner);
        assert_eq!(public_sek_per_year(&[own], &Period::default()), None);
    }
}

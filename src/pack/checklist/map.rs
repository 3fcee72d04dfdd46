//! How a checklist's values become pack values: pillars, severities, statuses, the version and
//! the ids made from names.
//!
//! A checklist names its pillars, severities and statuses in its own top-level lists (`waf`,
//! `severities`, `status`), always in the same order, and translated checklists translate both
//! the lists and the items' values. So a value is first read as the English word, and otherwise
//! found in the file's own list, where its position gives its meaning. This is also how the
//! workbook reads them ("the Not verified status is the first one").

use super::Status;
use crate::pack::{MissingRisk, PILLAR_ORDER};

/// The pillars of a checklist's `waf` list, in the order every checklist writes them.
const WAF_ORDER: [&str; 5] = [
    "reliability",
    "security",
    "cost",
    "operational-excellence",
    "performance",
];

/// Severities in the order of a checklist's `severities` list.
const SEVERITY_ORDER: [MissingRisk; 3] = [MissingRisk::High, MissingRisk::Medium, MissingRisk::Low];

/// The names a checklist gives in one of its top-level lists (`[{"name": …}, …]`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Names(pub Vec<String>);

impl Names {
    /// The position of `value` in the list, when the list has exactly `len` names (a list of
    /// another length is not the standard one, so positions mean nothing).
    fn position(&self, value: &str, len: usize) -> Option<usize> {
        (self.0.len() == len)
            .then(|| self.0.iter().position(|n| n.trim() == value))
            .flatten()
    }
}

/// The scorps pillar id of a `waf` value written in English, e.g. `Operations` →
/// `operational-excellence`.
pub(crate) fn standard_pillar(waf: &str) -> Option<&'static str> {
    Some(match waf.trim().to_lowercase().as_str() {
        "security" => "security",
        "reliability" => "reliability",
        "operations" | "operational excellence" | "operationalexcellence" => {
            "operational-excellence"
        }
        "cost" | "cost optimization" | "cost optimisation" | "costoptimization" => "cost",
        "performance" | "performance efficiency" | "performanceefficiency" => "performance",
        "sustainability" => "sustainability",
        _ => return None,
    })
}

/// The pillar of a `waf` value: a well-known pillar in English or by its place in the file's
/// `waf` list; `None` for any other value (a custom pillar).
pub(crate) fn pillar(waf: &str, list: &Names) -> Option<&'static str> {
    standard_pillar(waf).or_else(|| list.position(waf.trim(), 5).map(|i| WAF_ORDER[i]))
}

/// The display name of a well-known pillar.
pub(crate) fn pillar_name(id: &str) -> &'static str {
    PILLAR_ORDER
        .iter()
        .find(|(p, _)| *p == id)
        .map_or("Other", |(_, name)| name)
}

/// The level of a `severity` value: `High`, `Medium`, `Low` in any letter case, or by its place
/// in the file's `severities` list.
pub(crate) fn severity(value: &str, list: &Names) -> Option<MissingRisk> {
    let v = value.trim();
    SEVERITY_ORDER
        .into_iter()
        .find(|l| l.as_str().eq_ignore_ascii_case(v))
        .or_else(|| list.position(v, 3).map(|i| SEVERITY_ORDER[i]))
}

/// The status of a `status` value: empty is not verified; the English names in any letter case,
/// or a name of the file's own `status` list.
pub(crate) fn status(value: &str, list: &Names) -> Option<Status> {
    let v = value.trim();
    if v.is_empty() {
        return Some(Status::NotVerified);
    }
    Status::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(v))
        .or_else(|| list.position(v, 5).map(|i| Status::ALL[i]))
}

/// The name export writes for a status: the file's own (translated) name when it lists all five.
pub(crate) fn status_name(status: Status, list: &Names) -> String {
    let i = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
    match list.0.get(i) {
        Some(name) if list.0.len() == 5 && !name.trim().is_empty() => name.clone(),
        _ => status.name().to_string(),
    }
}

/// A pack version from `metadata.timestamp`: `February 20, 2024`, `12/15/2023 11:48:52` (the
/// workbook's month/day/year) and `2024-02-20` give `2024.2.20`.
pub(crate) fn version(timestamp: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = timestamp.trim();
    let number = |s: Option<&str>| s?.trim().parse::<u32>().ok();
    let (y, m, d) = if t.starts_with(|c: char| c.is_ascii_digit()) {
        let date = t.split(['T', ' ']).next()?;
        if date.contains('-') {
            let mut p = date.split('-');
            (number(p.next())?, number(p.next())?, number(p.next())?)
        } else {
            let mut p = date.split('/');
            let (m, d) = (number(p.next())?, number(p.next())?);
            (number(p.next())?, m, d)
        }
    } else {
        let mut p = t.split([' ', ',']).filter(|s| !s.is_empty());
        let month = p.next()?.to_lowercase();
        let m = MONTHS.iter().position(|n| month.starts_with(n))? as u32 + 1;
        let d = number(p.next())?;
        (number(p.next())?, m, d)
    };
    ((1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y}.{m}.{d}"))
}

/// A name as id words: lowercase ASCII letters and digits, every other run one `-`, cut at a
/// word to at most `max` characters. Empty when the name has no such characters.
pub(crate) fn slug(name: &str, max: usize) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > max {
        let cut = out[..=max]
            .rfind('-')
            .filter(|&i| i > max / 2)
            .unwrap_or(max);
        out.truncate(cut);
        out = out.trim_end_matches('-').to_string();
    }
    out
}

/// A practice id from a guid that is not a valid id: every run of characters other than letters,
/// digits, `_` and `-` becomes one `-`; `None` when nothing is left.
pub(crate) fn sanitize_id(guid: &str) -> Option<String> {
    let mut out = String::new();
    for c in guid.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(120).collect();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Names {
        Names(n.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn pillars_in_english_and_by_their_place_in_a_translated_list() {
        let none = Names::default();
        assert_eq!(pillar("Operations", &none), Some("operational-excellence"));
        assert_eq!(pillar("reliability", &none), Some("reliability"));
        assert_eq!(pillar("Cost", &none), Some("cost"));
        assert_eq!(pillar("Governance", &none), None);
        let ja = names(&["確実", "安全", "費用", "オペレーションズ", "パフォーマンス"]);
        assert_eq!(
            pillar("オペレーションズ", &ja),
            Some("operational-excellence")
        );
        assert_eq!(pillar("安全", &ja), Some("security"));
        assert_eq!(
            pillar("安全", &names(&["安全"])),
            None,
            "not the standard list"
        );
        assert_eq!(
            pillar_name("operational-excellence"),
            "Operational excellence"
        );
    }

    #[test]
    fn severities_and_statuses() {
        let none = Names::default();
        assert_eq!(severity("High", &none), Some(MissingRisk::High));
        assert_eq!(severity(" low ", &none), Some(MissingRisk::Low));
        assert_eq!(severity("Critical", &none), None);
        assert_eq!(
            severity("中程度", &names(&["高い", "中程度", "低い"])),
            Some(MissingRisk::Medium)
        );
        assert_eq!(status("", &none), Some(Status::NotVerified));
        assert_eq!(status("n/a", &none), Some(Status::NotApplicable));
        assert_eq!(status("Not Verified", &none), Some(Status::NotVerified));
        assert_eq!(status("Done", &none), None);
        let es = names(&[
            "No verificado",
            "Abrir",
            "Cumplido",
            "No es necesario",
            "N/A",
        ]);
        assert_eq!(status("Cumplido", &es), Some(Status::Fulfilled));
        assert_eq!(status_name(Status::Open, &es), "Abrir");
        assert_eq!(status_name(Status::Open, &none), "Open");
    }

    #[test]
    fn versions_from_the_timestamps_checklists_write() {
        assert_eq!(version("February 20, 2024").as_deref(), Some("2024.2.20"));
        assert_eq!(version("Sept 3, 2023").as_deref(), Some("2023.9.3"));
        assert_eq!(
            version("12/15/2023 11:48:52").as_deref(),
            Some("2023.12.15")
        );
        assert_eq!(version("2024-02-20").as_deref(), Some("2024.2.20"));
        assert_eq!(
            version("2024-02-20T10:00:00Z").as_deref(),
            Some("2024.2.20")
        );
        assert_eq!(version("soon"), None);
        assert_eq!(version("February 31st"), None);
    }

    #[test]
    fn slugs_and_sanitised_ids() {
        assert_eq!(
            slug("Identity and Access Management", 40),
            "identity-and-access-management"
        );
        assert_eq!(slug("BC & DR", 40), "bc-dr");
        assert_eq!(slug("日本語", 40), "");
        let long = slug(
            "Network Topology and Connectivity Hybrid Networking Options",
            40,
        );
        assert!(long.len() <= 40 && !long.ends_with('-'), "{long}");
        assert_eq!(long, "network-topology-and-connectivity-hybrid");
        assert_eq!(sanitize_id("{ABC 12}").as_deref(), Some("ABC-12"));
        assert_eq!(sanitize_id("åäö"), None);
    }
}

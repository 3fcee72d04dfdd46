//! How a checklist's values become pack values: pillars, severities, statuses, the version and
//! the ids made from names.
//!
//! Checklists are published in English and translated (Spanish, Portuguese, Japanese, Korean,
//! traditional Chinese); a translation translates the items' `waf`, `severity` and `status`
//! values too. Values are read by name, in any letter case, from the tables below: every name
//! the public checklists use. Not by position in the file's own lists: those are not in one
//! order (15 checklists list `N/A` before `Not required`, and some have `Risk accepted` in its
//! place), so a position says nothing certain.

use super::Status;
use crate::pack::{MissingRisk, PILLAR_ORDER};

/// The names of each well-known pillar in `waf`.
const PILLARS: [(&str, &[&str]); 6] = [
    (
        "reliability",
        &[
            "Reliability",
            "Fiabilidad",
            "Fiabilidade",
            "確実",
            "신뢰도",
            "可靠性",
        ],
    ),
    (
        "security",
        &["Security", "Seguridad", "Segurança", "安全", "안전"],
    ),
    (
        "operational-excellence",
        &[
            "Operations",
            "Operational Excellence",
            "OperationalExcellence",
            "Operaciones",
            "Operações",
            "オペレーションズ",
            "작업",
            "操作",
            "Excelencia Operacional",
            "Excelência Operacional",
            "オペレーショナルエクセレンス",
            "운영 우수성",
            "卓越運營",
        ],
    ),
    (
        "cost",
        &[
            "Cost",
            "Cost Optimization",
            "Cost Optimisation",
            "CostOptimization",
            "Costar",
            "Custar",
            "費用",
            "비용",
            "成本",
        ],
    ),
    (
        "performance",
        &[
            "Performance",
            "Performance Efficiency",
            "PerformanceEfficiency",
            "Rendimiento",
            "Desempenho",
            "パフォーマンス",
            "공연",
            "性能",
        ],
    ),
    ("sustainability", &["Sustainability"]),
];

/// The names of each severity.
const SEVERITIES: [(MissingRisk, &[&str]); 3] = [
    (MissingRisk::High, &["High", "Alto", "高い", "높다", "高"]),
    (
        MissingRisk::Medium,
        &["Medium", "Medio", "Média", "中程度", "보통", "中等"],
    ),
    (
        MissingRisk::Low,
        &["Low", "Bajo", "Baixo", "低い", "낮다", "低"],
    ),
];

/// The names of each status (the English one first).
const STATUSES: [(Status, &[&str]); 6] = [
    (
        Status::NotVerified,
        &[
            "Not verified",
            "No verificado",
            "Não verificado",
            "未確認",
            "확인되지 않음",
            "未驗證",
        ],
    ),
    (Status::Open, &["Open", "Abrir", "開ける", "열다", "打開"]),
    (
        Status::Fulfilled,
        &["Fulfilled", "Cumplido", "Cumprido", "達成", "성취", "實現"],
    ),
    (
        Status::NotRequired,
        &[
            "Not required",
            "No es necesario",
            "Não é necessário",
            "必要なし",
            "必須ではありません",
            "필요 없음",
            "필요하지 않음",
            "不需要",
        ],
    ),
    (
        Status::NotApplicable,
        &["N/A", "該当なし", "해당 없음", "해당 사항 없음", "不適用"],
    ),
    (
        Status::RiskAccepted,
        &[
            "Risk accepted",
            "Riesgo aceptado",
            "Risco aceito",
            "リスクの受け入れ",
            "감수된 위험",
            "接受風險",
        ],
    ),
];

/// The entry of a table whose names include `value` (trimmed, any letter case).
fn lookup<T: Copy>(table: &[(T, &[&str])], value: &str) -> Option<T> {
    let v = value.trim().to_lowercase();
    table
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.to_lowercase() == v))
        .map(|(t, _)| *t)
}

/// The names a checklist gives in one of its top-level lists (`[{"name": …}, …]`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Names(pub Vec<String>);

/// The well-known pillar a `waf` value names, in any of the checklists' languages; `None` for
/// any other value (a custom pillar).
pub(crate) fn pillar(waf: &str) -> Option<&'static str> {
    lookup(&PILLARS, waf)
}

/// The display name of a well-known pillar.
pub(crate) fn pillar_name(id: &str) -> &'static str {
    PILLAR_ORDER
        .iter()
        .find(|(p, _)| *p == id)
        .map_or("Other", |(_, name)| name)
}

/// The level of a `severity` value.
pub(crate) fn severity(value: &str) -> Option<MissingRisk> {
    lookup(&SEVERITIES, value)
}

/// The status of a `status` value; empty is not verified.
pub(crate) fn status(value: &str) -> Option<Status> {
    if value.trim().is_empty() {
        return Some(Status::NotVerified);
    }
    lookup(&STATUSES, value)
}

/// The English name of a status.
pub(crate) fn english(status: Status) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("Not verified", |(_, names)| names[0])
}

/// The name export writes for a status: as the checklist's own `status` list spells it (a
/// translated checklist gets its translated names back), else the English name.
pub(crate) fn status_name(status: Status, list: &Names) -> String {
    list.0
        .iter()
        .find(|n| lookup(&STATUSES, n) == Some(status))
        .cloned()
        .unwrap_or_else(|| english(status).to_string())
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
    fn pillars_by_name_in_every_language_of_the_checklists() {
        assert_eq!(pillar("Operations"), Some("operational-excellence"));
        assert_eq!(pillar("reliability"), Some("reliability"));
        assert_eq!(pillar("Cost Optimization"), Some("cost"));
        assert_eq!(pillar("オペレーションズ"), Some("operational-excellence"));
        assert_eq!(pillar("seguridad"), Some("security"));
        assert_eq!(pillar("Governance"), None);
        assert_eq!(pillar("Resiliency"), None, "not one of the pillars");
        assert_eq!(
            pillar_name("operational-excellence"),
            "Operational excellence"
        );
    }

    #[test]
    fn severities_and_statuses_by_name() {
        assert_eq!(severity("High"), Some(MissingRisk::High));
        assert_eq!(severity(" low "), Some(MissingRisk::Low));
        assert_eq!(severity("中程度"), Some(MissingRisk::Medium));
        assert_eq!(severity("Critical"), None);
        assert_eq!(status(""), Some(Status::NotVerified));
        assert_eq!(status("n/a"), Some(Status::NotApplicable));
        assert_eq!(status("Not Verified"), Some(Status::NotVerified));
        assert_eq!(status("Riesgo aceptado"), Some(Status::RiskAccepted));
        assert_eq!(status("必須ではありません"), Some(Status::NotRequired));
        assert_eq!(status("Done"), None);
    }

    #[test]
    fn export_writes_the_checklists_own_spelling() {
        // Order differs between checklists; names decide.
        let es = names(&[
            "No verificado",
            "Abrir",
            "Cumplido",
            "N/A",
            "No es necesario",
        ]);
        assert_eq!(status_name(Status::NotRequired, &es), "No es necesario");
        assert_eq!(status_name(Status::NotApplicable, &es), "N/A");
        assert_eq!(status_name(Status::Open, &names(&["open"])), "open");
        assert_eq!(status_name(Status::RiskAccepted, &es), "Risk accepted");
        assert_eq!(status_name(Status::Open, &Names::default()), "Open");
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

//! PLACEHOLDER until the backlog branch lands (issue 4).
use crate::pack::Pack;
use crate::review::Review;
pub enum Format {
    Md,
    Csv,
    Json,
}
pub fn export(review: &Review, _packs: &[Pack], _format: Format) -> String {
    format!("# {}\n", review.workload)
}

//! Command-line definitions (clap derive). Behaviour lives in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "scorps",
    version,
    about = "Well-Architected reviews in a terminal: question packs, a facilitated session, scores and an improvement backlog.",
    after_help = "Examples:\n  scorps                                  start screen: new review or resume one\n  scorps review payments.review.toml --workload \"Payments API\" --team Orion\n  scorps export payments.review.toml -o backlog.md\n  scorps check payments.review.toml --max-high 0\n  scorps packs check my-pack.yaml --strict\n\nExit codes: 0 ok, 1 a `check` limit was exceeded, 2 bad input or usage."
)]
pub struct Cli {
    /// A pack file or folder to load after the built-in and user packs (repeatable; an AWS lens
    /// or an Azure review checklist .json is accepted).
    #[arg(long = "pack", value_name = "PATH", global = true)]
    pub packs: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run or resume a review in the terminal.
    #[command(
        after_help = "Examples:\n  scorps review payments.review.toml --workload \"Payments API\" --team Orion --facilitator Sam\n  scorps review payments.review.toml --pillar security\n  scorps review payments.review.toml --flagged\n  scorps --pack team-pack.yaml review spike.review.toml --workload Spike"
    )]
    Review(ReviewArgs),
    /// Vote on a review's questions privately, from your own terminal.
    #[command(
        after_help = "Your ticks are saved to <review>.votes/<your name>.toml beside the review: the review itself and its lock are never touched, so everyone can vote at once, and a shared folder or git carries the votes. The facilitator's screen shows them as they arrive (V).\n\nExamples:\n  scorps vote payments.review.toml --as Ana\n  scorps vote payments.review.toml --as Ana --pillar security\n  scorps vote payments.review.toml --as Ana --flagged\n  scorps vote payments.review.toml --as Ana --questions security/identities,reliability/backups"
    )]
    Vote(VoteArgs),
    /// Print the votes on a review: per question the voters, the split and the agreed answer.
    #[command(
        after_help = "Examples:\n  scorps votes payments.review.toml\n  scorps votes payments.review.toml --format md > votes.md\n  scorps votes payments.review.toml --format json | jq '.widest'"
    )]
    Votes(VotesArgs),
    /// List, check, show and explain question packs.
    #[command(
        subcommand,
        after_help = "Examples:\n  scorps packs list\n  scorps packs check my-pack.yaml --strict\n  scorps packs show security\n  scorps packs explain security identities\n  scorps packs schema > scorps-pack.schema.json"
    )]
    Packs(PacksCommand),
    /// Print the scorecard of a review.
    #[command(
        after_help = "Examples:\n  scorps score payments.review.toml\n  scorps score payments.review.toml --format json | jq .overall"
    )]
    Score(ScoreArgs),
    /// Write the improvement backlog (markdown, CSV or JSON).
    #[command(
        after_help = "Examples:\n  scorps export payments.review.toml > backlog.md\n  scorps export payments.review.toml --merge backlog.md\n  scorps export payments.review.toml --format csv -o backlog.csv\n  scorps export payments.review.toml --format html -o payments.html"
    )]
    Export(ExportArgs),
    /// Compare two reviews of the same workload, or a review with one of its milestones.
    #[command(
        after_help = "FILE@NAME reads the milestone NAME of FILE (a path that exists as written is always a file).\n\nExamples:\n  scorps diff q3.review.toml q4.review.toml\n  scorps diff payments.review.toml@2026-q3 payments.review.toml\n  scorps diff payments.review.toml@2026-q3 payments.review.toml@2026-q4 --format md > pr-comment.md"
    )]
    Diff(DiffArgs),
    /// Freeze a review's answers, pack versions and scores under a name.
    #[command(
        after_help = "Milestones are kept beside the review, in <name>.milestones.toml.\n\nExamples:\n  scorps milestone payments.review.toml 2026-q3\n  scorps milestone payments.review.toml baseline --date 2026-08-14"
    )]
    Milestone(MilestoneArgs),
    /// List a review's milestones.
    #[command(
        after_help = "Examples:\n  scorps milestones payments.review.toml\n  scorps milestones payments.review.toml --format json"
    )]
    Milestones(MilestonesArgs),
    /// Overall and per-pillar scores across a review's milestones and today.
    #[command(
        after_help = "Examples:\n  scorps trend payments.review.toml\n  scorps trend payments.review.toml --format md >> wiki/payments.md"
    )]
    Trend(TrendArgs),
    /// Fail (exit 1) when a review has more risks than allowed: for pipelines.
    #[command(
        after_help = "High and medium count open risks: a risk accepted with `scorps accept` is counted apart while its acceptance holds, and open again the day after it ends.\n\nExamples:\n  scorps check payments.review.toml --max-high 0\n  scorps check payments.review.toml --max-high 2 --max-medium 10 --max-unanswered 0\n  scorps check payments.review.toml --max-high 0 --max-expired 0 --max-stale 5 --as-of 2027-03-31\n  scorps check payments.review.toml --below-target"
    )]
    Check(CheckArgs),
    /// Accept a question's risk until a day, with an owner and a reason (or clear it).
    #[command(
        after_help = "The question must be answered at high or medium risk. The acceptance covers that level or a lower one, holds through --until (UTC) and ends the day after; `scorps check` then counts the risk as open again and names the owner.\n\nExamples:\n  scorps accept payments.review.toml security/identities --owner Ana --until 2027-03-31 --reason \"IdP migration lands in April\"\n  scorps accept payments.review.toml security/identities --owner Ana --reason \"...\"   (until: today + accept_days, 90 by default)\n  scorps accept payments.review.toml security/identities --clear"
    )]
    Accept(AcceptArgs),
    /// Set or clear the owner of a question's backlog item.
    #[command(
        after_help = "Examples:\n  scorps owner payments.review.toml security/identities Ana\n  scorps owner payments.review.toml security/identities --clear"
    )]
    Owner(OwnerArgs),
    /// A portfolio of many workloads: the newest review of each.
    #[command(
        after_help = "Examples:\n  scorps report reviews/\n  scorps report reviews/ --format html > portfolio.html\n  scorps report a.review.toml b.review.toml --format json"
    )]
    Report(ReportArgs),
    /// Import and export AWS Well-Architected custom lenses.
    #[command(
        subcommand,
        after_help = "Examples:\n  scorps lens import custom-lens.json -o pillars/custom.yaml\n  scorps lens export security -o security-lens.json"
    )]
    Lens(LensCommand),
    /// Import and export Azure review checklists (and the answers of a filled one).
    #[command(
        subcommand,
        after_help = "Examples:\n  scorps checklist import aks_checklist.en.json -o packs/aks.yaml\n  scorps checklist import filled.json -o packs/aks.yaml --review aks.review.toml\n  scorps checklist export aks.review.toml --checklist aks_checklist.en.json -o filled.json"
    )]
    Checklist(ChecklistCommand),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  scorps completions bash > ~/.local/share/bash-completion/completions/scorps"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  scorps manpage > scorps.1 && man ./scorps.1")]
    Manpage,
}

#[derive(Debug, Args, Default)]
pub struct ReviewArgs {
    /// The review file (`<name>.review.toml`); created when it does not exist.
    pub file: Option<PathBuf>,
    /// The workload under review (for a new file).
    #[arg(long)]
    pub workload: Option<String>,
    /// The squad (for a new file).
    #[arg(long)]
    pub team: Option<String>,
    /// Who runs the session (for a new file).
    #[arg(long)]
    pub facilitator: Option<String>,
    /// A participant (repeatable); on an existing review, adds the participant (a voter).
    #[arg(long = "participant", value_name = "NAME")]
    pub participants: Vec<String>,
    /// What the workload is and does (for a new file).
    #[arg(long)]
    pub description: Option<String>,
    /// Where it runs, e.g. production (for a new file).
    #[arg(long)]
    pub environment: Option<String>,
    /// A link to its architecture (for a new file).
    #[arg(long, value_name = "URL")]
    pub architecture: Option<String>,
    /// Who owns the review's follow-up (for a new file).
    #[arg(long = "review-owner", value_name = "NAME")]
    pub review_owner: Option<String>,
    /// Include an opt-in built-in pack, e.g. engineering-excellence (repeatable, for a new file).
    #[arg(long = "with", value_name = "PACK_ID")]
    pub with: Vec<String>,
    /// Walk only this pillar (repeatable).
    #[arg(long = "pillar", value_name = "ID")]
    pub pillars: Vec<String>,
    /// Walk only flagged questions.
    #[arg(long)]
    pub flagged: bool,
    /// Start in presentation mode: only the question, its practices and the risk, full width
    /// (p switches it on and off).
    #[arg(long)]
    pub present: bool,
}

#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The review file.
    pub file: PathBuf,
    /// Your name: one of the review's participants or its facilitator.
    #[arg(long = "as", value_name = "NAME")]
    pub voter: String,
    /// Vote only on this pillar (repeatable).
    #[arg(long = "pillar", value_name = "ID")]
    pub pillars: Vec<String>,
    /// Vote only on the questions flagged in the review.
    #[arg(long)]
    pub flagged: bool,
    /// Vote only on these questions (PACK/QUESTION, comma-separated or repeated).
    #[arg(long, value_name = "PACK/QUESTION", value_delimiter = ',')]
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VotesFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct VotesArgs {
    /// The review file.
    pub file: PathBuf,
    /// Text for people, markdown for a wiki or pull request, JSON for scripts.
    #[arg(long, value_enum, default_value_t = VotesFormat::Text)]
    pub format: VotesFormat,
}

#[derive(Debug, Subcommand)]
pub enum PacksCommand {
    /// List every pack scorps can see: id, name, version, source, pillars, questions.
    #[command(after_help = "Example:\n  scorps --pack ./packs packs list")]
    List,
    /// Validate and lint pack files (exit 2 on errors; warnings alone exit 0 unless --strict).
    #[command(
        after_help = "Examples:\n  scorps packs check my-pack.yaml\n  scorps packs check packs/*.yaml --strict\n  scorps packs check lens.json"
    )]
    Check {
        /// Pack files (YAML, or AWS lens JSON), checked together.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Show a pack's questions and practices.
    #[command(
        after_help = "Examples:\n  scorps packs show security\n  scorps packs show ./my-pack.yaml"
    )]
    Show {
        /// A pack id or a pack file.
        pack: String,
    },
    /// Print the truth table of a question: every selection and the risk it gives.
    #[command(
        after_help = "Examples:\n  scorps packs explain security identities\n  scorps packs explain my-pack.yaml backups"
    )]
    Explain {
        /// A pack file or a pack id.
        pack: String,
        /// The question id.
        question: String,
    },
    /// List the questions that cover each framework reference (`refs:`).
    #[command(
        after_help = "Examples:\n  scorps packs coverage\n  scorps --pack ./packs packs coverage --format md > coverage.md"
    )]
    Coverage {
        #[arg(long, value_enum, default_value_t = TextOrMd::Text)]
        format: TextOrMd,
    },
    /// Print the JSON Schema of the pack format.
    #[command(after_help = "Example:\n  scorps packs schema > scorps-pack.schema.json")]
    Schema,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TextOrMd {
    Text,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The review file.
    pub file: PathBuf,
    /// A table for people, or JSON for scripts.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    /// Judge accepted risks and stale answers as of this day (YYYY-MM-DD, UTC); default today,
    /// or `SCORPS_AS_OF`.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The review file.
    pub file: PathBuf,
    /// Output format (default: the config's `export_format`, else md).
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Update this markdown backlog in place: ids, ticked tasks, owners and the team's own text
    /// are kept; items no longer at risk move to "Resolved since last export".
    #[arg(long, value_name = "BACKLOG.md", conflicts_with = "output")]
    pub merge: Option<PathBuf>,
    /// Judge accepted risks and stale answers as of this day (YYYY-MM-DD, UTC); default today,
    /// or `SCORPS_AS_OF`.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier review: a file, or FILE@NAME for one of its milestones.
    pub old: PathBuf,
    /// The later review: a file, or FILE@NAME for one of its milestones.
    pub new: PathBuf,
    /// Text for people, markdown for a pull request, JSON for scripts.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The review file.
    pub file: PathBuf,
    /// Most high-risk questions allowed.
    #[arg(long, value_name = "N")]
    pub max_high: Option<usize>,
    /// Most medium-risk questions allowed.
    #[arg(long, value_name = "N")]
    pub max_medium: Option<usize>,
    /// Most unanswered questions allowed.
    #[arg(long, value_name = "N")]
    pub max_unanswered: Option<usize>,
    /// Most accepted risks allowed (acceptances that hold: not expired, not outgrown).
    #[arg(long, value_name = "N")]
    pub max_accepted: Option<usize>,
    /// Most expired acceptances allowed (their risks count as open too).
    #[arg(long, value_name = "N")]
    pub max_expired: Option<usize>,
    /// Most stale answers allowed (due for another look).
    #[arg(long, value_name = "N")]
    pub max_stale: Option<usize>,
    /// Judge expiry and staleness as of this day (YYYY-MM-DD, UTC) instead of today, so a
    /// pipeline run can be repeated; `SCORPS_AS_OF` sets it for every command.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Fail when a pillar scores below its target (targets: the review's [targets], then
    /// config.toml's).
    #[arg(long)]
    pub below_target: bool,
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The review file.
    pub file: PathBuf,
    /// The question, as PACK/QUESTION (e.g. security/identities).
    pub question: String,
    /// Who owns the accepted risk.
    #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
    pub owner: Option<String>,
    /// The last day the acceptance holds (YYYY-MM-DD, UTC); default: today + `accept_days`.
    #[arg(long, value_name = "DATE", conflicts_with = "clear")]
    pub until: Option<String>,
    /// Why the squad lives with the risk for now.
    #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
    pub reason: Option<String>,
    /// Remove the acceptance: the risk is open again.
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct OwnerArgs {
    /// The review file.
    pub file: PathBuf,
    /// The question, as PACK/QUESTION.
    pub question: String,
    /// The owner's name.
    #[arg(required_unless_present = "clear", conflicts_with = "clear")]
    pub name: Option<String>,
    /// Remove the owner.
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct MilestoneArgs {
    /// The review file.
    pub file: PathBuf,
    /// The milestone's name: letters, digits, `.`, `_` and `-` (e.g. 2026-q3).
    pub name: String,
    /// The milestone's date (YYYY-MM-DD or an RFC 3339 time) instead of now, to record a review
    /// that was held earlier.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct MilestonesArgs {
    /// The review file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The review file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Review files, or folders searched for `*.review.toml`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Markdown for people, JSON for scripts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Count accepted risks and stale answers as of this day (YYYY-MM-DD, UTC); default today,
    /// or `SCORPS_AS_OF`.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LensCommand {
    /// Convert an AWS custom lens JSON into a scorps pack (YAML).
    #[command(
        after_help = "Examples:\n  scorps lens import custom-lens.json -o pillars/custom.yaml\n  scorps lens import custom-lens.json --id payments-lens"
    )]
    Import {
        /// The AWS custom lens (JSON).
        lens: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "PACK.yaml")]
        output: Option<PathBuf>,
        /// The pack id (default: from the file name).
        #[arg(long)]
        id: Option<String>,
    },
    /// Convert a pack into an AWS custom lens JSON.
    #[command(
        after_help = "Examples:\n  scorps lens export security -o security-lens.json\n  scorps lens export my-pack.yaml"
    )]
    Export {
        /// A pack id or a pack file.
        pack: String,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "LENS.json")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// Convert an Azure review checklist into a pack (YAML), and a filled one into a review.
    #[command(
        after_help = "Examples:\n  scorps checklist import aks_checklist.en.json -o packs/aks.yaml\n  scorps checklist import filled.json -o packs/aks.yaml --review aks.review.toml --workload \"Payments AKS\""
    )]
    Import {
        /// The checklist (JSON), blank or filled in.
        checklist: PathBuf,
        /// Write the pack here instead of stdout.
        #[arg(short, long, value_name = "PACK.yaml")]
        output: Option<PathBuf>,
        /// The pack id (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// Also write the items' statuses and comments as a new review file.
        #[arg(long, value_name = "FILE.review.toml")]
        review: Option<PathBuf>,
        /// The workload the review is of (default: the checklist's name).
        #[arg(long, requires = "review")]
        workload: Option<String>,
    },
    /// Write a review's answers into its checklist JSON: every item's status and comments.
    #[command(
        after_help = "Examples:\n  scorps checklist export aks.review.toml --checklist aks_checklist.en.json -o filled.json\n  scorps --pack aks_checklist.en.json checklist export aks.review.toml > filled.json"
    )]
    Export {
        /// The review file.
        review: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "FILLED.json")]
        output: Option<PathBuf>,
        /// The checklist the review's pack was imported from (default: the review's pack, when
        /// it is loaded from a checklist .json).
        #[arg(long, value_name = "CHECKLIST.json")]
        checklist: Option<PathBuf>,
        /// The review's pack whose answers to write (default: the checklist's, or the review's
        /// only pack).
        #[arg(long, value_name = "PACK_ID")]
        id: Option<String>,
    },
}

//! The command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use masteryhub_web::client_address::TrustedProxies;

#[derive(Debug, Parser)]
#[command(
    name = "masteryhub",
    version,
    about = "Runs the Secondary Teaching for Mastery programme for England's Maths Hubs",
    long_about = "Runs the Secondary Teaching for Mastery programme for England's Maths Hubs: the \
                  school register, the web application and its JSON API.\n\nEvery command reads \
                  the database from --database-url or MASTERYHUB_DATABASE_URL (default: the \
                  SQLite file masteryhub.db in the current folder, created if missing; a \
                  postgres:// URL uses PostgreSQL). Migrations run first."
)]
pub struct Cli {
    /// sqlite://PATH or postgres://USER@HOST:PORT/DATABASE
    #[arg(
        long,
        global = true,
        env = "MASTERYHUB_DATABASE_URL",
        default_value = "sqlite://masteryhub.db"
    )]
    pub database_url: String,

    /// Mark cookies Secure: set this when the service is served over https.
    #[arg(long, global = true, env = "MASTERYHUB_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Proxies (addresses or networks, comma-separated, e.g. 10.0.0.0/8) whose
    /// X-Forwarded-For header names the client. Set it when the service runs behind a load
    /// balancer, so that sign-in attempts are counted per client, not per proxy. Default: none.
    #[arg(
        long,
        global = true,
        env = "MASTERYHUB_TRUSTED_PROXIES",
        default_value = ""
    )]
    pub trusted_proxies: TrustedProxies,

    #[command(flatten)]
    pub mail: MailOptions,

    #[command(subcommand)]
    pub command: Command,
}

/// Where email goes, and how people reach the service from a link in one.
#[derive(Debug, Clone, clap::Args)]
pub struct MailOptions {
    /// Send email by SMTP, e.g. smtp://user:password@mail.example:587 (STARTTLS), smtps://…
    /// (TLS) or smtp://127.0.0.1:2525 (plain, for a local relay). Without it, email is written
    /// to --mail-dir.
    #[arg(long, global = true, env = "MASTERYHUB_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The folder email is written to (one .eml file each) when there is no --smtp-url.
    #[arg(
        long,
        global = true,
        env = "MASTERYHUB_MAIL_DIR",
        default_value = "masteryhub-mail"
    )]
    pub mail_dir: PathBuf,

    /// The sender of every email.
    #[arg(
        long,
        global = true,
        env = "MASTERYHUB_MAIL_FROM",
        default_value = "masteryhub <masteryhub@localhost>"
    )]
    pub mail_from: String,

    /// The address people reach the service at, for links in email (default: the address the
    /// server listens on).
    #[arg(long, global = true, env = "MASTERYHUB_BASE_URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "MASTERYHUB_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Deliver the email waiting in the outbox, once, and report what was sent.
    SendEmail,
    /// Bring the database schema up to date, and nothing else.
    Migrate,
    /// Import a GIAS establishment extract (edubasealldataYYYYMMDD.csv).
    #[command(
        long_about = "Import a GIAS establishment extract (edubasealldataYYYYMMDD.csv).\n\n\
        Windows-1252 (or UTF-8 with a byte-order mark), columns chosen by name: the 2025 header \
        (135 columns) and older ones are accepted. Re-importing updates schools in place; a \
        school missing from a newer file is kept. The import is atomic: a file with any bad row \
        imports nothing, every bad row is listed with its line and column, and the command exits \
        with status 1."
    )]
    ImportGias {
        /// The extract to import.
        file: PathBuf,
    },
    /// Import a GIAS links extract (predecessor and successor URNs).
    #[command(
        long_about = "Import a GIAS links extract (links_edubasealldataYYYYMMDD.csv): \
        columns URN, LinkURN, LinkName, LinkType, LinkEstablishedDate. A row (URN=A, LinkURN=B, \
        LinkType=Predecessor) says B is A's predecessor. Atomic, like import-gias."
    )]
    ImportGiasLinks {
        /// The links extract to import.
        file: PathBuf,
    },
    /// Import Maths Hubs and the local authorities each one serves (CSV).
    #[command(
        long_about = "Import Maths Hubs and the local authorities each one serves.\n\n\
        A UTF-8 CSV file with a header and one row per (hub, local authority):\n\n  \
        hub_code   the hub's short code: letters, digits and -, at most 20 (e.g. EME)\n  \
        hub_name   the hub's name (e.g. East Midlands East)\n  \
        la_code    the GIAS local authority code (e.g. 891)\n  \
        la_name    optional: the local authority's name (e.g. Nottinghamshire)\n\n\
        Each local authority may appear once. A local authority in the file moves to the hub \
        the file gives it; local authorities not in the file keep their hub. Schools belong to \
        the hub serving their local authority unless a hub lead has moved them. Atomic: a file \
        with any bad row changes nothing."
    )]
    ImportHubs {
        /// The hubs file to import.
        file: PathBuf,
    },
    /// Import a hub's pathway history: which departments took which stage in which year (CSV).
    #[command(
        long_about = "Import a hub's pathway history: which school's maths department took \
        which stage in which academic year, and how it turned out.\n\n\
        A spreadsheet saved as CSV (UTF-8, with or without a byte-order mark), one row per \
        school, year and stage. Columns are found by name, in any order and any case; other \
        columns (a school's name, notes) are ignored:\n\n  \
        urn              the school's URN at the time (a predecessor's URN counts for its \
        successor)\n  \
        academic_year    e.g. 2021/22 (or 2021-22)\n  \
        stage            preparatory, development, embedding, sustaining, specialist_year_1, \
        specialist_year_2 or specialist_year_3\n  \
        outcome          in_progress, completed, not_completed or withdrawn\n  \
        programme_code   optional: the project code, e.g. NCP21-13\n  \
        hub              optional: the code of the hub that ran it, e.g. LCW\n\n\
        Every school must be in the register and every hub known. A row for a school, year and \
        stage already recorded updates its outcome, programme and hub. Atomic: a file with any \
        bad row imports nothing, every bad row is listed with its line and column, and the \
        command exits with status 1."
    )]
    ImportHistory {
        /// The history file to import.
        file: PathBuf,
    },
    /// Move a school to a hub other than the one serving its local authority, or back.
    #[command(
        long_about = "Move a school to a hub other than the one serving its local \
        authority (as a hub lead may decide), or with --clear return it to that hub. The move \
        is kept across register imports."
    )]
    MoveSchool {
        /// The school's URN.
        urn: String,
        /// The code of the hub to move it to.
        #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
        hub: Option<String>,
        /// Why (kept with the move).
        #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
        reason: Option<String>,
        /// Return the school to the hub serving its local authority.
        #[arg(long)]
        clear: bool,
    },
    /// People and their roles.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens for integrations.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a realistic synthetic GIAS extract to standard output.
    #[command(
        long_about = "Write a realistic synthetic GIAS extract to standard output, in the \
        exact real format: the 135 columns of 2025, Windows-1252, CRLF, no final newline. The \
        same --rows and --seed give the same bytes."
    )]
    GenerateGias {
        /// How many establishments.
        #[arg(long)]
        rows: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the matching links extract to this file.
        #[arg(long)]
        links: Option<PathBuf>,
    },
    /// Fill an empty database with a generated dataset, then serve it.
    #[command(
        long_about = "If the database holds no schools, fill it with a generated, \
        deterministic dataset (Maths Hubs covering every local authority in England and a \
        register at the chosen scale), then serve it and print the URL."
    )]
    Demo {
        /// Address to listen on.
        #[arg(long, env = "MASTERYHUB_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// national: about 50,000 establishments, 24,000 open, 3,400 open state-funded
        /// secondary; hub: about 2,000 establishments.
        #[arg(long, value_enum, default_value_t = Scale::National)]
        scale: Scale,
        /// The password of every demo account (default: a random one, printed with the list of
        /// accounts).
        #[arg(long, env = "MASTERYHUB_DEMO_PASSWORD")]
        demo_password: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a person with a role, or give an existing person (same email, any case) another role.
    #[command(
        long_about = "Add a person with a role, or give an existing person (the same \
        email address, in any case) another role. The first national admin is made this way.\n\n\
        Roles: national-admin and national-viewer (no --hub, no --school); hub-lead and \
        work-group-lead (with --hub CODE); school-leader, head-of-maths, mastery-advocate and \
        teacher (with --school URN)."
    )]
    Add {
        /// Email address (unique, whatever its case).
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// national-admin, national-viewer, hub-lead, work-group-lead, school-leader,
        /// head-of-maths, mastery-advocate or teacher.
        #[arg(long)]
        role: String,
        /// The hub of a hub-lead or work-group-lead.
        #[arg(long)]
        hub: Option<String>,
        /// The school (URN) of a school role.
        #[arg(long)]
        school: Option<String>,
    },
    /// Print everything held about a person, as JSON (for a subject access request).
    Export {
        /// The person's email address.
        #[arg(long)]
        email: String,
    },
    /// Erase a person: name, email address and password removed, sessions and tokens ended,
    /// roles removed; what they did stays in the audit trail under "erased person N".
    Erase {
        /// The person's email address.
        #[arg(long)]
        email: String,
        /// Confirms the erasure, which cannot be undone.
        #[arg(long)]
        confirm: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make an API token acting with a person's roles; prints it once, alone on standard output
    /// (only its hash is kept). Send it as `Authorization: Bearer TOKEN`.
    Create {
        /// The person's email address.
        #[arg(long)]
        email: String,
        /// What the token is for, e.g. "hub CRM export".
        #[arg(long)]
        label: String,
    },
    /// List a person's live tokens.
    List {
        /// The person's email address.
        #[arg(long)]
        email: String,
    },
    /// Revoke one of a person's tokens (its id is in the list).
    Revoke {
        /// The person's email address.
        #[arg(long)]
        email: String,
        /// The token's id.
        #[arg(long)]
        id: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    Hub,
    National,
}

impl Scale {
    pub fn rows(self) -> usize {
        match self {
            Self::Hub => 2_000,
            Self::National => 50_000,
        }
    }
}

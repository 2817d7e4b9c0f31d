//! The command line's own help (`--help`, `-h`, `help COMMAND`), the shell
//! completions' descriptions and the manual page, in bokmål and English.
//!
//! The parser's definition (`src/cli/`) says which commands and options
//! there are; what a person reads about them is written here, keyed by the
//! command's path below `styr` ("" for styr itself, "goal add") and the
//! argument's id. `cli::help` puts these texts into the parser's command
//! for the chosen language, and a test there fails when a command, an
//! option, a value or a placeholder has no entry here.

use super::Lang;

/// Each command's one-line summary: (path, bokmål, English).
pub const ABOUT: &[(&str, &str, &str)] = &[
    (
        "",
        "styr: følg opp kommunedirektørens oppdrag til sektorene.",
        "styr: follow up the director's assignments (oppdrag) to the sectors.",
    ),
    (
        "init",
        "Lag en ny, tom database med standard sektorer og årshjul",
        "Create a new empty database with the default sectors and annual wheel",
    ),
    (
        "demo",
        "Lag en database med Lørenskog 2023 som eksempel",
        "Create a database with the Lørenskog 2023 example",
    ),
    (
        "list",
        "Vis oppdragene (forfalte først, så etter frist)",
        "List assignments (overdue first, then by deadline)",
    ),
    (
        "show",
        "Vis ett oppdrag med målsti, oppgaver og historikk",
        "Show one assignment with its goal path, tasks and history",
    ),
    (
        "add",
        "Legg til et oppdrag, eller en oppgave under et med --parent",
        "Add an assignment, or a task under one with --parent",
    ),
    (
        "set",
        "Endre felt i et oppdrag; hvert endret felt blir én hendelse",
        "Change fields of an assignment; each changed field is one event",
    ),
    (
        "undo",
        "Angre din siste endring ved å legge til en motpostering i loggen",
        "Undo your last change by appending a compensating event",
    ),
    (
        "report",
        "Registrer en rapport for en periode: status, vurdering, forventet ferdig og en kommentar, som én hendelse",
        "Record a report for a period: status, assessment, expected completion and a comment, as one event",
    ),
    (
        "withdraw",
        "Trekk tilbake en feilført kommentar eller rapport (hendelses-id fra `show` eller `log`): en ny hendelse merker den, ingenting slettes",
        "Withdraw a mistaken comment or report (by event id, from `show` or `log`): a new event marks it, nothing is erased",
    ),
    (
        "periods",
        "Rapporteringsperiodene (T1, T2, årsrapport) og fristene for rapportene; legg til, endre og fjern dem",
        "The reporting periods (T1, T2, annual report) and their report deadlines; add, edit and remove them",
    ),
    (
        "periods add",
        "Legg til en rapporteringsperiode i et planår",
        "Add a reporting period to a plan year",
    ),
    (
        "periods edit",
        "Endre en periodes kode, navn eller datoer",
        "Change a period's code, label or dates",
    ),
    (
        "periods rm",
        "Fjern en periode det ikke er registrert noen rapport for",
        "Remove a period no report is recorded for",
    ),
    (
        "approve",
        "Godkjenn et oppdrags rapport for en periode (av en annen enn den som skrev den)",
        "Approve an assignment's report for a period (by someone other than its author)",
    ),
    (
        "send-back",
        "Send et oppdrags rapport for en periode tilbake til den som skrev den, med en kommentar",
        "Send an assignment's report for a period back to its author, with a comment",
    ),
    (
        "approvals",
        "Hvor hver rapport for en periode står: mangler, venter på godkjenning, godkjent",
        "The state of every report for a period: missing, awaiting approval, approved",
    ),
    (
        "council-report",
        "Rapporten til kommunestyret for en periode, alle sektorer (Markdown, HTML eller XLSX)",
        "The report to the municipal council (kommunestyret) for a period: every sector (Markdown, HTML or XLSX)",
    ),
    (
        "year",
        "Et nytt planår: `year new 2024 --from 2023 [--carry-over]`",
        "A new plan year: `year new 2024 --from 2023 [--carry-over]`",
    ),
    (
        "year new",
        "Start et planår: kopier årshjul og perioder fra et tidligere år, med datoene flyttet",
        "Start a plan year: copy an earlier year's annual wheel and periods with dates moved",
    ),
    (
        "log",
        "Hendelsesloggen, eldste først",
        "The event log, oldest first",
    ),
    (
        "goals",
        "Måltreet med summer",
        "The goal tree with rollups",
    ),
    (
        "goal",
        "Endre måltreet, og knytt oppdrag til delmål",
        "Change the goal tree, and link assignments to sub-goals",
    ),
    (
        "goal add",
        "Legg til et mål: et satsingsområde, eller med --parent et hovedmål eller delmål under det",
        "Add a goal: a focus area, or with --parent a main goal or sub-goal under it",
    ),
    (
        "goal edit",
        "Endre et måls kode, tittel eller ansvarlige sektorer",
        "Change a goal's code, title or responsible sectors",
    ),
    (
        "goal mv",
        "Flytt et hovedmål eller delmål under et annet mål på nivået over",
        "Move a main goal or sub-goal under another goal of the level above",
    ),
    (
        "goal retire",
        "Ta et mål og alt under det ut av treet (det beholdes med historikken)",
        "Take a goal and everything below it out of the tree (kept with its history)",
    ),
    (
        "goal unretire",
        "Ta et utgått mål og alt under det inn i treet igjen",
        "Take a retired goal and everything below it back into the tree",
    ),
    (
        "goal link",
        "Knytt oppdrag til et delmål",
        "Link assignments to a sub-goal",
    ),
    (
        "goal unlink",
        "Fjern oppdrags kobling til et delmål",
        "Remove assignments' link to a sub-goal",
    ),
    (
        "wheel",
        "Årshjulet: skriv det ut (tekst, svg, ics), eller legg til, endre, fjern og vis oppføringene",
        "The annual wheel (årshjul): print it (text, svg, ics), or add, edit, remove and list its entries",
    ),
    (
        "wheel add",
        "Legg til en oppføring: én dag (--date) eller et tidsrom (--from … --to …)",
        "Add an entry: one day (--date) or a range (--from … --to …)",
    ),
    (
        "wheel edit",
        "Endre en oppføring; nye datoer flytter den",
        "Change an entry; new dates move it",
    ),
    (
        "wheel rm",
        "Slett en oppføring (loggen tar vare på hva den var)",
        "Delete an entry (the log keeps what it was)",
    ),
    (
        "wheel list",
        "Oppføringene med id",
        "The entries with their ids",
    ),
    (
        "brief",
        "Direktørens notat til en sektors styringsdialog (Markdown eller HTML)",
        "The director's briefing for a sector's governance dialogue (styringsdialog), in Markdown or HTML",
    ),
    (
        "diff",
        "Hva som endret seg mellom to dager: nye og avsluttede oppdrag, endrede felt, rapporter, mål og årshjul",
        "What changed between two days: new and closed assignments, changed fields, reports, goals and the annual wheel",
    ),
    (
        "doctor",
        "Sjekk databasen: integritet, og hendelsesloggen spilt av mot det lagrede",
        "Check the database: integrity, and the event log replayed against the stored state",
    ),
    (
        "import",
        "Importer oppdrag (CSV, XLSX), tabellene i et styringsbrev eller en JSON-eksport; alt eller ingenting",
        "Import assignments (CSV, XLSX), a styringsbrev's tables, or a JSON export; all or nothing",
    ),
    (
        "export",
        "Eksporter databasen som JSON (alt, for `import`) eller oppdragene som CSV eller XLSX",
        "Export the database as JSON (everything, for `import`) or the assignments as CSV or XLSX",
    ),
    (
        "generate",
        "Lag en syntetisk database av hvilken som helst størrelse, til ytelsesmålinger",
        "Create a synthetic database of any size, for benchmarks",
    ),
    (
        "config",
        "Konfigurasjonsfilen: hvor den er, hva som gjelder, en startfil",
        "The configuration file: where it is, what is in effect, a starter file",
    ),
    (
        "config path",
        "Skriv ut hvor konfigurasjonsfilen leses fra",
        "Print where the configuration file is read from",
    ),
    (
        "config show",
        "Skriv ut konfigurasjonen som gjelder, og hvor hver verdi kommer fra",
        "Print the configuration in effect, and where each value comes from",
    ),
    (
        "config init",
        "Skriv en startfil med kommentarer, alle innstillinger og standardverdiene; erstatter aldri en fil",
        "Write a commented starter file with every option and its default; never replaces one",
    ),
    (
        "completions",
        "Skriv ut et fullføringsskript for et skall (bash, zsh, fish)",
        "Print a completion script for a shell (bash, zsh, fish)",
    ),
    (
        "man",
        "Skriv ut manualsiden (roff)",
        "Print the manual page (roff)",
    ),
    (
        "backup",
        "Kopier databasen til en ny fil, konsistent, også mens andre skriver",
        "Copy the database to a new file, consistently, even while others write",
    ),
    (
        "restore",
        "Erstatt databasen med en sikkerhetskopi som består `doctor`; den erstattede legges til side",
        "Replace the database with a backup that passes `doctor`, keeping the replaced one aside",
    ),
    (
        "vedtak",
        "Politiske vedtak: legg til, endre, vis, knytt til oppdrag, kvitter ut; og organene som fatter dem",
        "Political decisions (vedtak): add, edit, list, show, link assignments, close; and the bodies that make them",
    ),
    (
        "vedtak add",
        "Legg til et politisk vedtak: organ, møtedato, saksnummer, tittel, tekst og type",
        "Add a political decision: body, meeting date, case number, title, text and kind",
    ),
    (
        "vedtak edit",
        "Endre et vedtaks organ, dato, sak, tittel, tekst eller type; --comment alene legger til en kommentar",
        "Change a decision's body, date, case, title, text or kind; --comment alone adds a comment",
    ),
    (
        "vedtak list",
        "Vedtakene med status (ut fra oppdragene deres) og oppdrag",
        "The decisions with their state (from their assignments) and assignments",
    ),
    (
        "vedtak show",
        "Ett vedtak med oppdragene, siste kommentar og historikken",
        "One decision with its assignments, latest comment and history",
    ),
    (
        "vedtak link",
        "Knytt oppdrag til et vedtak",
        "Link assignments to a decision",
    ),
    (
        "vedtak unlink",
        "Fjern oppdrags kobling til et vedtak",
        "Remove assignments' link to a decision",
    ),
    (
        "vedtak close",
        "Kvitter ut et vedtak, med begrunnelsen i --comment",
        "Close a decision as followed up, saying why in --comment",
    ),
    (
        "vedtak reopen",
        "Ta et vedtak som er kvittert ut, tilbake til oppfølging",
        "Take a closed decision back into follow-up",
    ),
    (
        "vedtak body",
        "De politiske organene som fatter vedtak: legg til, fjern, vis",
        "The political bodies decisions are made by: add, rm, list",
    ),
    (
        "vedtak body add",
        "Legg til et organ: kommunestyret, formannskapet, et utvalg",
        "Add a body: the municipal council, the executive committee, a committee",
    ),
    (
        "vedtak body rm",
        "Fjern et organ som ingen vedtak viser til (loggen tar vare på det)",
        "Remove a body no decision names (the log keeps it)",
    ),
    (
        "vedtak body list",
        "Organene",
        "The bodies",
    ),
    (
        "vedtak import",
        "Legg til vedtakene i en liste (CSV eller XLSX): alt eller ingenting; rader som finnes fra før, hoppes over",
        "Add the decisions of a list (CSV or XLSX): all or nothing; rows already there are passed over",
    ),
    (
        "server",
        "En styr-database på en PostgreSQL-server (--db postgres://…): sett den opp, gi og ta tilgang",
        "A styr database on a PostgreSQL server (--db postgres://…): set it up, grant and revoke access",
    ),
    (
        "migrate",
        "Flytt databasefilen inn i en tom PostgreSQL-database, hver hendelse med, kontrollert rad for rad",
        "Move the database file into an empty PostgreSQL database, every event kept, checked row by row",
    ),
    (
        "server init",
        "Sett opp en tom serverdatabase: skjema, roller, standard sektorer, årshjul og perioder",
        "Set up an empty server database: schema, roles, default sectors, annual wheel and periods",
    ),
    (
        "server grant",
        "Gi en innloggingsrolle tilgang (ansatt, eller bare lese); lager rollen uten passord om den mangler",
        "Give a login role access (staff, or read-only), creating it without a password if missing",
    ),
    (
        "server revoke",
        "Ta bort en innloggingsrolles tilgang (selve rollen blir værende)",
        "Take a login role's access away (the role itself stays)",
    ),
    (
        "help",
        "Skriv ut denne hjelpen, eller hjelpen til de gitte kommandoene",
        "Print this message or the help of the given subcommand(s)",
    ),
];

/// The longer description `--help` shows where there is one: (path, bokmål, English).
pub const LONG_ABOUT: &[(&str, &str, &str)] = &[(
    "",
    "styr: følg opp kommunedirektørens oppdrag til sektorene.\n\nUten kommando åpner styr terminalgrensesnittet på databasen.",
    "styr: follow up the director's assignments (oppdrag) to the sectors.\n\nWithout a command, styr opens the terminal UI on the database.",
)];

/// Each argument's help: (command path, argument id, bokmål, English). An
/// option given to every command (`--db`, `--lang` …) is under "".
pub const ARG_HELP: &[(&str, &str, &str, &str)] = &[
    // styr itself, and the options every command takes.
    (
        "",
        "db",
        "Databasefilen, eller en database på en PostgreSQL-server (postgres://…, postgresql://… eller host=… dbname=…) [standard: plattformens datamappe, f.eks. ~/.local/share/styr/styr.db]",
        "Database file, or a database on a PostgreSQL server (postgres://…, postgresql://… or host=… dbname=…) [default: the platform data directory, e.g. ~/.local/share/styr/styr.db]",
    ),
    (
        "",
        "today",
        "Sett «i dag» (ÅÅÅÅ-MM-DD) for forfalte oppdrag og frister [standard: dagen databasen foreslår, ellers systemets dato]",
        "Fix \"today\" (YYYY-MM-DD) for overdue and due dates [default: the database's suggested day, else the system date]",
    ),
    (
        "",
        "as_of",
        "Vis alt slik det var ved slutten av den dagen (ÅÅÅÅ-MM-DD, eventuelt TT:MM), spilt av fra loggene; «i dag» blir den dagen om ikke --today er gitt",
        "Show everything as it stood at the end of that day (YYYY-MM-DD, optionally HH:MM), replayed from the logs; \"today\" becomes that day unless --today is given",
    ),
    (
        "",
        "actor",
        "Navnet som skrives i hendelsesloggen som den som gjorde en endring [miljøvariabel: STYR_ACTOR] [standard: brukeren i operativsystemet]",
        "Name written into the event log as who made a change [env: STYR_ACTOR] [default: the OS user]",
    ),
    (
        "",
        "lang",
        "Språket i skjermbilder og utdata, nb eller en [miljøvariabel: STYR_LANG] [standard: konfigurasjonen, ellers engelsk for en en_*-locale, ellers nb]",
        "Language of screens and output, nb or en [env: STYR_LANG] [default: the configuration, else English for an en_* locale, else nb]",
    ),
    (
        "",
        "config",
        "Konfigurasjonsfilen [miljøvariabel: STYR_CONFIG] [standard: plattformens konfigurasjonsmappe, f.eks. ~/.config/styr/config.toml]",
        "Configuration file [env: STYR_CONFIG] [default: the platform config directory, e.g. ~/.config/styr/config.toml]",
    ),
    (
        "",
        "demo",
        "Åpne terminalgrensesnittet på demodatabasen, demo.db i datamappen (lages første gang); --db og STYR_DB gjelder ikke",
        "Open the terminal UI on the demo database, demo.db in the data directory (created on first use); --db and STYR_DB do not apply",
    ),
    // init, demo
    ("init", "kommune", "Kommunens navn", "The municipality's name"),
    ("init", "year", "Planåret", "The plan year"),
    ("server init", "kommune", "Kommunens navn", "The municipality's name"),
    ("server init", "year", "Planåret", "The plan year"),
    ("server grant", "role", "Innloggingsrollen (en PostgreSQL-bruker)", "The login role (a PostgreSQL user)"),
    ("server grant", "read_only", "Bare lese", "Reading only"),
    ("server revoke", "role", "Innloggingsrollen (en PostgreSQL-bruker)", "The login role (a PostgreSQL user)"),
    ("demo", "force", "Erstatt en databasefil som finnes", "Replace an existing database file"),
    // list
    ("list", "sector", "Bare denne sektoren som har oppdraget (kode, f.eks. OUS)", "Only this lead sector (code, e.g. OUS)"),
    ("list", "overdue", "Bare det som er forfalt: oppdrag og oppgaver, hver oppgave under sitt oppdrag", "Only what is overdue: assignments and tasks, each task under its assignment"),
    (
        "list",
        "status",
        "Bare denne statusen (not-started, in-progress, done, cancelled, eller på norsk)",
        "Only this status (not-started, in-progress, done, cancelled)",
    ),
    (
        "list",
        "goal",
        "Bare oppdrag knyttet til dette målet eller et mål under det (id fra `styr goals`)",
        "Only assignments linked to this goal or a goal below it (id from `styr goals`)",
    ),
    ("list", "year", "Bare dette planåret [standard: alle år]", "Only this plan year [default: all years]"),
    (
        "list",
        "search",
        "Bare oppdrag der tittel, ansvarlig, beskrivelse eller kommentarer inneholder disse ordene",
        "Only assignments whose title, owner, description or comments contain these words",
    ),
    ("list", "tasks", "Ta med oppgavene, hver under sitt oppdrag (--overdue tar dem alltid med)", "Include tasks, each under its assignment (--overdue always does)"),
    (
        "list",
        "missing_report",
        "Bare oppdrag som mangler rapport for perioden det rapporteres for, etter sektor, hvert med rapportens tilstand",
        "Only assignments missing their report for the period being reported on, by sector, each with the state of its report",
    ),
    (
        "list",
        "report_state",
        "Bare oppdrag der rapporten for perioden det rapporteres for har disse tilstandene (missing, awaiting, approved, all; kommaseparert), etter sektor",
        "Only assignments whose report for the period being reported on is in these states (missing, awaiting, approved, all; comma-separated), by sector",
    ),
    (
        "list",
        "vedtak",
        "Bare oppdragene som følger opp dette vedtaket (id fra `styr vedtak list`)",
        "Only the assignments that follow up this political decision (id from `styr vedtak list`)",
    ),
    ("list", "format", "Utdataformat", "Output format"),
    (
        "list",
        "output",
        "Skriv til FIL i stedet for standard ut (nødvendig for xlsx på en terminal)",
        "Write to FILE instead of standard output (needed for xlsx on a terminal)",
    ),
    // show
    ("show", "id", "Oppdragets id", "Assignment id"),
    ("show", "format", "Utdataformat", "Output format"),
    // add
    ("add", "title", "Tittel", "Title"),
    (
        "add",
        "sector",
        "Sektoren oppdraget er delegert til; en oppgave får oppdragets når den utelates",
        "Lead sector; a task takes its assignment's when omitted",
    ),
    ("add", "sectors", "Sektorer med delansvar, skilt med komma", "Contributing sectors, comma-separated"),
    ("add", "parent", "Gjør det til en oppgave under dette oppdraget", "Make it a task under this assignment"),
    ("add", "goal", "Delmålets id (fra `styr goals`)", "Sub-goal id (from `styr goals`)"),
    ("add", "due", "Frist (ÅÅÅÅ-MM-DD eller dd.mm.åååå)", "Deadline (YYYY-MM-DD or dd.mm.yyyy)"),
    ("add", "owner", "Ansvarlig person", "Person responsible"),
    ("add", "description", "Beskrivelse", "Description"),
    (
        "add",
        "source",
        "Hvor det kommer fra: styringsbrev, politisk vedtak, verbalvedtak, virksomhetsplan …",
        "Where it comes from: styringsbrev, political decision, verbal decision, business plan …",
    ),
    (
        "add",
        "year",
        "Planår [standard: databasens planår]; en oppgave (--parent) har oppdragets",
        "Plan year [default: the database's plan year]; a task (--parent) has its assignment's",
    ),
    (
        "add",
        "status",
        "not-started, in-progress, done eller cancelled (norske ord går også)",
        "not-started, in-progress, done or cancelled (Norwegian words work too)",
    ),
    ("add", "assessment", "Vurdering: green, yellow eller red", "Assessment: green, yellow or red"),
    ("add", "expected_done", "Forventet ferdig (dato)", "Expected completion date"),
    ("add", "comment", "En kommentar som lagres med hendelsen som oppretter det", "A comment stored with the created event"),
    ("add", "json", "Skriv ut det nye oppdraget som JSON", "Print the created assignment as JSON"),
    (
        "add",
        "vedtak",
        "Lag det ut fra dette vedtaket (id fra `styr vedtak list`): knyttet til det, med vedtaket som kilde",
        "Create it from this political decision (id from `styr vedtak list`): linked to it, its source naming it",
    ),
    // set
    (
        "set",
        "id",
        "Oppdragets id, eller flere skilt med komma (3,5,8): samme endring på hvert, alt eller ingenting, angres samlet",
        "Assignment id, or several separated by commas (3,5,8): the same change to each, all or nothing, undone as one",
    ),
    (
        "set",
        "status",
        "not-started, in-progress, done eller cancelled (norske ord går også)",
        "not-started, in-progress, done or cancelled (Norwegian words work too)",
    ),
    ("set", "assessment", "Vurdering: green, yellow, red eller none", "Assessment: green, yellow, red, or none"),
    ("set", "due", "Frist (ÅÅÅÅ-MM-DD eller dd.mm.åååå), eller none", "Deadline (YYYY-MM-DD or dd.mm.yyyy), or none"),
    ("set", "owner", "Ansvarlig person, eller none", "Person responsible, or none"),
    ("set", "title", "Ny tittel", "New title"),
    ("set", "description", "Ny beskrivelse", "New description"),
    ("set", "sector", "Sektoren oppdraget er delegert til", "Lead sector"),
    (
        "set",
        "sectors",
        "Sektorer med delansvar, skilt med komma, eller none",
        "Contributing sectors, comma-separated, or none",
    ),
    (
        "set",
        "goal",
        "Delmål: id (fra `styr goals`) eller kode (f.eks. 1.2.1), eller none",
        "Sub-goal: id (from `styr goals`) or code (e.g. 1.2.1), or none",
    ),
    ("set", "expected_done", "Forventet ferdig (dato), eller none", "Expected completion date, or none"),
    (
        "set",
        "comment",
        "En kommentar til endringen, eller alene: en kommentarhendelse",
        "A comment on the change, or alone: a comment event",
    ),
    (
        "set",
        "if_version",
        "Avvis hvis oppdraget ikke lenger er i denne versjonen (fra `show` eller `list --format json`); for flere id-er én versjon hver (4,7,2)",
        "Refuse if the assignment is no longer at this version (from `show` or `list --format json`); for several ids, one version each (4,7,2)",
    ),
    // undo
    ("undo", "comment", "Hvorfor endringen angres", "Why the change is undone"),
    // withdraw
    (
        "withdraw",
        "event",
        "Hendelses-id-en til kommentaren eller rapporten (slik `show` og `log` viser den)",
        "The event id of the comment or report (as `show` and `log` list it)",
    ),
    ("withdraw", "comment", "Hvorfor den trekkes tilbake", "Why it is withdrawn"),
    // report
    ("report", "id", "Oppdragets id", "Assignment id"),
    (
        "report",
        "period",
        "Perioden det rapporteres for: en kode i planåret (T2) eller ÅR-KODE (2023-T2, se `styr periods`); utelatt: perioden det rapporteres for nå",
        "The period reported on: a code of the plan year (T2) or YEAR-CODE (2023-T2, see `styr periods`); left out, the period being reported on now",
    ),
    (
        "report",
        "status",
        "not-started, in-progress, done eller cancelled (norske ord går også)",
        "not-started, in-progress, done or cancelled (Norwegian words work too)",
    ),
    ("report", "assessment", "Vurdering: green, yellow, red eller none", "Assessment: green, yellow, red, or none"),
    (
        "report",
        "expected_done",
        "Forventet ferdig (dd.mm.åååå, dd.mm i planåret, +dager, ÅÅÅÅ-MM-DD), eller none",
        "Expected completion date (dd.mm.yyyy, dd.mm in the plan year, +days, YYYY-MM-DD), or none",
    ),
    ("report", "comment", "Hvor det står, i en setning eller to", "Where it stands, in a sentence or two"),
    (
        "report",
        "if_version",
        "Avvis hvis oppdraget ikke lenger er i denne versjonen",
        "Refuse if the assignment is no longer at this version",
    ),
    // periods
    ("periods", "year", "Bare dette planåret [standard: alle år]", "Only this plan year [default: all years]"),
    ("periods", "format", "Utdataformat", "Output format"),
    ("periods add", "year", "Planår", "Plan year"),
    (
        "periods add",
        "code",
        "Kort kode, bokstaver og sifre, unik i året (f.eks. FEB)",
        "Short code, letters and digits, unique in the year (e.g. FEB)",
    ),
    ("periods add", "label", "Det folk kaller den", "What people call it"),
    ("periods add", "start", "Første dag (ÅÅÅÅ-MM-DD eller dd.mm.åååå)", "First day (YYYY-MM-DD or dd.mm.yyyy)"),
    ("periods add", "end", "Siste dag (tatt med)", "Last day (inclusive)"),
    ("periods add", "due", "Siste dag en rapport er i tide", "The last day a report is on time"),
    ("periods edit", "id", "Perioden, ÅR-KODE", "The period, YEAR-CODE"),
    ("periods edit", "code", "Ny kode", "New code"),
    ("periods edit", "label", "Nytt navn", "New label"),
    ("periods edit", "start", "Ny første dag", "New first day"),
    ("periods edit", "end", "Ny siste dag (tatt med)", "New last day (inclusive)"),
    ("periods edit", "due", "Ny siste dag en rapport er i tide", "New last day a report is on time"),
    ("periods rm", "id", "Perioden, ÅR-KODE", "The period, YEAR-CODE"),
    // approve, send-back, approvals
    ("approve", "id", "Oppdragets id", "Assignment id"),
    (
        "approve",
        "period",
        "Perioden, ÅR-KODE [standard: perioden det rapporteres for nå]",
        "The period, YEAR-CODE [default: the period being reported on]",
    ),
    (
        "approve",
        "comment",
        "En kommentar som lagres med godkjenningen, om du vil",
        "An optional comment kept with the approval",
    ),
    ("send-back", "id", "Oppdragets id", "Assignment id"),
    (
        "send-back",
        "period",
        "Perioden, ÅR-KODE [standard: perioden det rapporteres for nå]",
        "The period, YEAR-CODE [default: the period being reported on]",
    ),
    (
        "send-back",
        "comment",
        "Hvorfor rapporten går tilbake til den som skrev den",
        "Why the report goes back to its author",
    ),
    (
        "approvals",
        "period",
        "Perioden, ÅR-KODE [standard: perioden det rapporteres for nå]",
        "The period, YEAR-CODE [default: the period being reported on]",
    ),
    ("approvals", "sector", "Bare denne sektorens oppdrag", "Only this sector's assignments"),
    ("approvals", "format", "Utdataformat", "Output format"),
    // council-report
    (
        "council-report",
        "period",
        "Perioden, ÅR-KODE [standard: perioden det rapporteres for nå]",
        "The period, YEAR-CODE [default: the period being reported on]",
    ),
    ("council-report", "format", "Utdataformat", "Output format"),
    (
        "council-report",
        "output",
        "Skriv til denne filen i stedet for standard ut (nødvendig for xlsx)",
        "Write to this file instead of standard output (needed for xlsx)",
    ),
    // year new
    ("year new", "year", "Det nye planåret", "The new plan year"),
    ("year new", "from", "Året det kopieres fra", "The year to copy from"),
    (
        "year new",
        "carry_over",
        "Før også det gamle årets uferdige oppdrag (ikke fullført eller utgått) over til det nye året",
        "Also carry the old year's unfinished assignments (not done or cancelled) into the new year",
    ),
    // log
    (
        "log",
        "id",
        "Bare hendelsene for dette oppdraget (med --goals eller --wheel: for dette målet eller denne oppføringen)",
        "Only the events of this assignment (with --goals or --wheel: of this goal or entry)",
    ),
    ("log", "goals", "Endringene i målene i stedet for oppdragene", "The changes to goals instead of assignments"),
    (
        "log",
        "wheel",
        "Endringene i årshjulet i stedet for oppdragene (med --goals: begge)",
        "The changes to annual wheel entries instead of assignments (with --goals: both)",
    ),
    (
        "log",
        "since",
        "Bare hendelser fra og med denne datoen (ÅÅÅÅ-MM-DD, lokal tid)",
        "Only events from this date on (YYYY-MM-DD, local time)",
    ),
    (
        "log",
        "by",
        "Bare hendelser gjort av denne personen (slik navnet står i loggen)",
        "Only events by this person (as written in the log)",
    ),
    ("log", "format", "Utdataformat", "Output format"),
    (
        "log",
        "verify",
        "Sjekk hashkjedene i begge loggene og skriv ut kontrollverdien (HENDELSER+KATALOG:HASH) til protokollen",
        "Check the hash chains of both logs and print the check value (EVENTS+CATALOG:HASH) to write into the minutes",
    ),
    (
        "log",
        "expect",
        "Med --verify: avslutt med 1 med mindre historikken fram til denne kontrollverdien er uendret (hendelser lagt til siden er i orden)",
        "With --verify: exit 1 unless the history up to this check value is unchanged (events appended since are fine)",
    ),
    // goals
    (
        "goals",
        "sector",
        "Bare målene denne sektoren har ansvar for (og målene over dem)",
        "Only goals this sector is responsible for (and the goals above them)",
    ),
    ("goals", "all", "Utgåtte mål også (merket som det)", "Retired goals too (marked as such)"),
    ("goals", "format", "Utdataformat", "Output format"),
    // goal …
    ("goal add", "title", "Tittel", "Title"),
    (
        "goal add",
        "code",
        "En kort merkelapp som 1.2.4 som passer plassen; utelatt: den neste ledige",
        "A short label such as 1.2.4 that fits its place; left out, the next free one",
    ),
    (
        "goal add",
        "parent",
        "Målet over (id eller kode); uten blir det et satsingsområde",
        "The goal above (id or code); none makes a focus area",
    ),
    (
        "goal add",
        "sectors",
        "Ansvarlige sektorer (ansvar), skilt med komma",
        "Responsible sectors, comma-separated",
    ),
    ("goal add", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal edit", "goal", "Målet: id (fra `styr goals`) eller kode", "The goal: id (from `styr goals`) or code"),
    ("goal edit", "title", "Ny tittel", "New title"),
    ("goal edit", "code", "Ny kode", "New code"),
    (
        "goal edit",
        "sectors",
        "Ansvarlige sektorer, skilt med komma, eller none",
        "Responsible sectors, comma-separated, or none",
    ),
    ("goal edit", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal mv", "goal", "Målet: id eller kode", "The goal: id or code"),
    ("goal mv", "parent", "Det nye målet over det: id eller kode", "The new goal above it: id or code"),
    ("goal mv", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal retire", "goal", "Målet: id eller kode", "The goal: id or code"),
    ("goal retire", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal unretire", "goal", "Målet: id eller kode", "The goal: id or code"),
    ("goal unretire", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal link", "goal", "Delmålet: id eller kode", "The sub-goal: id or code"),
    ("goal link", "ids", "Oppdragenes id", "Assignment ids"),
    ("goal link", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("goal unlink", "goal", "Delmålet: id eller kode", "The sub-goal: id or code"),
    ("goal unlink", "ids", "Oppdragenes id", "Assignment ids"),
    ("goal unlink", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    // wheel …
    (
        "wheel",
        "format",
        "text: en liste per måned; svg: hjulet som bilde; ics: en kalenderfil",
        "text: a month list; svg: the wheel as a picture; ics: a calendar file",
    ),
    ("wheel", "year", "Planår [standard: databasens planår]", "Plan year [default: the database's plan year]"),
    (
        "wheel",
        "deadlines",
        "I tekstlisten: oppdragenes frister også (svg og ics har dem alltid)",
        "In the text list: the assignments' deadlines too (the svg and ics always have them)",
    ),
    (
        "wheel",
        "sector",
        "Bare denne sektorens frister og oppføringer (oppføringer uten sektor beholdes)",
        "Only this sector's deadlines and entries (entries for no sector are kept)",
    ),
    ("wheel", "size", "Bredde og høyde på svg-bildet i piksler", "Width and height of the svg in pixels"),
    ("wheel add", "date", "Dagen (ÅÅÅÅ-MM-DD eller dd.mm.åååå)", "The day (YYYY-MM-DD or dd.mm.yyyy)"),
    ("wheel add", "from", "Første dag i et tidsrom", "First day of a range"),
    ("wheel add", "to", "Siste dag i et tidsrom (tatt med)", "Last day of a range (inclusive)"),
    ("wheel add", "title", "Tittel", "Title"),
    (
        "wheel add",
        "kind",
        "administrativ eller politisk (administrative, political)",
        "administrative or political (administrativ, politisk)",
    ),
    ("wheel add", "sector", "Sektoren det gjelder, om bare én", "The sector it concerns, if only one"),
    ("wheel add", "note", "Notat", "Note"),
    (
        "wheel add",
        "tags",
        "Et merke som styringsdialog eller tertial; gjenta, eller skill med komma",
        "A mark such as styringsdialog or tertial; repeat or separate by commas",
    ),
    ("wheel add", "year", "Planår [standard: databasens planår]", "Plan year [default: the database's plan year]"),
    ("wheel add", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("wheel edit", "id", "Oppføringens id (fra `styr wheel list`)", "Entry id (from `styr wheel list`)"),
    ("wheel edit", "date", "Flytt til én dag", "Move to one day"),
    ("wheel edit", "from", "Ny første dag", "New first day"),
    ("wheel edit", "to", "Ny siste dag", "New last day"),
    ("wheel edit", "title", "Ny tittel", "New title"),
    (
        "wheel edit",
        "kind",
        "administrativ eller politisk (administrative, political)",
        "administrative or political (administrativ, politisk)",
    ),
    ("wheel edit", "sector", "Sektor, eller none", "Sector, or none"),
    ("wheel edit", "note", "Notat, eller none", "Note, or none"),
    (
        "wheel edit",
        "tags",
        "Erstatt merkene (gjenta, eller skill med komma; none fjerner dem)",
        "Replace the tags (repeat or separate by commas; none clears them)",
    ),
    ("wheel edit", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("wheel rm", "id", "Oppføringens id (fra `styr wheel list`)", "Entry id (from `styr wheel list`)"),
    ("wheel rm", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("wheel list", "year", "Planår [standard: databasens planår]", "Plan year [default: the database's plan year]"),
    ("wheel list", "format", "Utdataformat", "Output format"),
    // brief
    ("brief", "sector", "Sektoren notatet gjelder (koden, f.eks. OUS)", "The sector briefed (its code, e.g. OUS)"),
    (
        "brief",
        "since",
        "Endringer fra denne datoen (ÅÅÅÅ-MM-DD eller dd.mm.åååå), eller `last-dialog`: den siste styringsdialogen i årshjulet [standard: last-dialog, ellers 1. januar]",
        "Changes from this date (YYYY-MM-DD or dd.mm.yyyy), or `last-dialog`: the last governance dialogue (styringsdialog) in the annual wheel [default: last-dialog, else 1 January]",
    ),
    (
        "brief",
        "until",
        "Frister og årshjul fram til denne datoen, eller `next-dialog` [standard: next-dialog, ellers 31. desember]",
        "Deadlines and annual wheel up to this date, or `next-dialog` [default: next-dialog, else 31 December]",
    ),
    (
        "brief",
        "year",
        "Planår [standard: årets år hvis det har oppdrag, ellers databasens]",
        "Plan year [default: today's year if it has assignments, else the database's]",
    ),
    ("brief", "format", "Utdataformat", "Output format"),
    ("brief", "output", "Skriv til denne filen i stedet for standard ut", "Write to this file instead of standard output"),
    // diff
    (
        "diff",
        "from",
        "Det tidligere tidspunktet: ÅÅÅÅ-MM-DD (slutten av dagen) eller dd.mm.åååå, eventuelt TT:MM",
        "The earlier moment: YYYY-MM-DD (its end) or dd.mm.yyyy, optionally HH:MM",
    ),
    ("diff", "to", "Det senere tidspunktet, på samme måte", "The later moment, the same way"),
    (
        "diff",
        "sector",
        "Bare oppdragene denne sektoren har (og dens mål og årshjuloppføringer)",
        "Only the assignments this sector leads (and its goals and annual wheel entries)",
    ),
    ("diff", "format", "Utdataformat", "Output format"),
    // doctor
    (
        "doctor",
        "repair",
        "Sett tilbake loggenes vern mot endring hvis de er borte (noteres i databasen)",
        "Put back the append-only guards of the logs if they are gone (noted in the database)",
    ),
    // import
    (
        "import",
        "file",
        "Filen: CSV, XLSX, tekst limt inn fra et styringsbrev, eller JSON fra `styr export`",
        "The file: CSV, XLSX, a styringsbrev paste (text) or a `styr export` JSON",
    ),
    ("import", "format", "Hva filen er [standard: ut fra navnet og innholdet]", "What the file is [default: from its name and content]"),
    (
        "import",
        "year",
        "Planår for rader som ikke har noe [standard: databasens planår]",
        "Plan year of rows that give none [default: the database's plan year]",
    ),
    (
        "import",
        "sheet",
        "Arket som leses fra en XLSX-fil [standard: det første]",
        "The worksheet to read from an XLSX file [default: the first]",
    ),
    (
        "import",
        "dry_run",
        "Vis hva som ville blitt laget og endret; skriv ingenting",
        "Show what would be created and changed; write nothing",
    ),
    (
        "import",
        "update",
        "Før inn forskjellene i rader som svarer til oppdrag som finnes, som loggede endringer (uten blir de bare rapportert)",
        "Apply the differences of rows that match existing assignments, as logged changes (without it they are only reported)",
    ),
    // export
    ("export", "format", "Utdataformat", "Output format"),
    (
        "export",
        "year",
        "Bare dette planårets oppdrag (med hendelsene) og årshjul",
        "Only this plan year's assignments (with their events) and annual wheel",
    ),
    ("export", "output", "Skriv til FIL i stedet for standard ut", "Write to FILE instead of standard output"),
    (
        "export",
        "excel",
        "Med --format csv: slik norsk Excel skriver det (`;`, byte-order mark, dd.mm.åååå, overskrifter og ord på brukerens språk)",
        "With --format csv: as Norwegian Excel writes it (`;`, byte-order mark, dd.mm.yyyy, headers and words in the user's language)",
    ),
    // generate
    ("generate", "assignments", "Oppdrag og oppgaver til sammen", "Assignments and tasks together"),
    (
        "generate",
        "events_per_assignment",
        "Hendelser per oppdrag, opprettelsen medregnet",
        "Events per assignment, its creation included",
    ),
    ("generate", "seed", "Samme frø gir samme database", "The same seed gives the same database"),
    (
        "generate",
        "year",
        "Planåret (dataene spenner over det og de tre årene før)",
        "The plan year (the data spans it and the three years before)",
    ),
    ("generate", "force", "Erstatt en styr-database som finnes", "Replace an existing styr database"),
    // completions, backup, restore
    ("completions", "shell", "Skallet det fullføres for", "The shell to complete for"),
    (
        "backup",
        "path",
        "Den nye filen som skrives (erstatter aldri en som finnes)",
        "The new file to write (never replaces an existing one)",
    ),
    ("restore", "path", "Sikkerhetskopien som settes i stedet for databasen", "The backup to put in place of the database"),
    (
        "migrate",
        "to",
        "Den tomme PostgreSQL-databasen det flyttes til (postgres://…, postgresql://… eller host=… dbname=…)",
        "The empty PostgreSQL database to move into (postgres://…, postgresql://… or host=… dbname=…)",
    ),
    ("restore", "yes", "Ikke spør om bekreftelse (for skript)", "Do not ask for confirmation (for scripts)"),
    // vedtak …
    (
        "vedtak add",
        "body",
        "Organet: et navn eller en forkortelse fra `styr vedtak body list`",
        "The body: a name or abbreviation from `styr vedtak body list`",
    ),
    ("vedtak add", "date", "Møtedato (ÅÅÅÅ-MM-DD eller dd.mm.åååå)", "Meeting date (YYYY-MM-DD or dd.mm.yyyy)"),
    ("vedtak add", "case", "Saksnummer, f.eks. 283/21", "Case number, e.g. 283/21"),
    ("vedtak add", "title", "Tittel", "Title"),
    ("vedtak add", "text", "Vedtaksteksten", "The decision's wording"),
    (
        "vedtak add",
        "kind",
        "vedtak, verbalvedtak eller budsjettvedtak",
        "vedtak, verbalvedtak or budsjettvedtak (decision, verbal decision, budget decision)",
    ),
    (
        "vedtak add",
        "assignments",
        "Oppdragene som følger det opp, id-er skilt med komma",
        "Assignments that follow it up, comma-separated ids",
    ),
    ("vedtak add", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("vedtak add", "json", "Skriv ut det nye vedtaket som JSON", "Print the added decision as JSON"),
    ("vedtak edit", "id", "Vedtakets id", "The decision's id"),
    ("vedtak edit", "body", "Nytt organ: navn eller forkortelse", "New body: name or abbreviation"),
    ("vedtak edit", "date", "Ny møtedato", "New meeting date"),
    ("vedtak edit", "case", "Nytt saksnummer", "New case number"),
    ("vedtak edit", "title", "Ny tittel", "New title"),
    ("vedtak edit", "text", "Vedtaksteksten; none fjerner den", "The decision's wording; none clears it"),
    (
        "vedtak edit",
        "kind",
        "Ny type: vedtak, verbalvedtak eller budsjettvedtak",
        "New kind: vedtak, verbalvedtak or budsjettvedtak",
    ),
    (
        "vedtak edit",
        "comment",
        "En kommentar til endringen, eller alene: en kommentar til vedtaket",
        "A comment on the change, or alone: a comment on the decision",
    ),
    ("vedtak list", "format", "Utdataformat", "Output format"),
    ("vedtak list", "open", "Bare de som ikke er kvittert ut", "Only those not closed"),
    ("vedtak list", "body", "Bare dette organets (navn eller forkortelse)", "Only this body's (name or abbreviation)"),
    ("vedtak list", "kind", "Bare denne typen", "Only this kind"),
    ("vedtak show", "id", "Vedtakets id", "The decision's id"),
    ("vedtak show", "format", "Utdataformat", "Output format"),
    ("vedtak link", "id", "Vedtakets id", "The decision's id"),
    ("vedtak link", "assignments", "Oppdragenes id", "Assignment ids"),
    ("vedtak link", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("vedtak unlink", "id", "Vedtakets id", "The decision's id"),
    ("vedtak unlink", "assignments", "Oppdragenes id", "Assignment ids"),
    ("vedtak unlink", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("vedtak close", "id", "Vedtakets id", "The decision's id"),
    ("vedtak close", "comment", "Hvorfor det kvitteres ut (påkrevd)", "Why it is closed (required)"),
    ("vedtak close", "date", "Dagen det kvitteres ut [standard: i dag]", "The day it is closed [default: today]"),
    ("vedtak reopen", "id", "Vedtakets id", "The decision's id"),
    ("vedtak reopen", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    (
        "vedtak body add",
        "name",
        "Navnet, f.eks. «Hovedutvalg for oppvekst og kultur»",
        "Its name, e.g. \"Hovedutvalg for oppvekst og kultur\"",
    ),
    ("vedtak body add", "short", "Forkortelsen, f.eks. HOK", "Its abbreviation, e.g. HOK"),
    ("vedtak body add", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("vedtak body rm", "name", "Navnet eller forkortelsen", "Its name or abbreviation"),
    ("vedtak body rm", "comment", "En kommentar som lagres med endringen", "A comment stored with the change"),
    ("vedtak body list", "format", "Utdataformat", "Output format"),
    (
        "vedtak import",
        "file",
        "Filen: CSV (`;`, `,` eller tabulator) eller XLSX, med en overskriftsrad",
        "The file: CSV (`;`, `,` or tab) or XLSX, with a header row",
    ),
    ("vedtak import", "sheet", "Arket i en arbeidsbok [standard: det første]", "The sheet of a workbook [default: the first]"),
    (
        "vedtak import",
        "dry_run",
        "Sjekk hver rad og si hva som ville blitt lagt til; skriv ingenting",
        "Check every row and say what would be added; write nothing",
    ),
];

/// The longer help `--help` shows where an argument has one: (command path,
/// argument id, bokmål, English).
pub const ARG_LONG_HELP: &[(&str, &str, &str, &str)] = &[
    (
        "log",
        "verify",
        "Sjekk hashkjedene i begge loggene og skriv ut kontrollverdien\n(HENDELSER+KATALOG:HASH) til protokollen",
        "Check the hash chains of both logs and print the check value\n(EVENTS+CATALOG:HASH) to write into the minutes",
    ),
    (
        "log",
        "expect",
        "Med --verify: avslutt med 1 med mindre historikken fram til denne\nkontrollverdien er uendret (hendelser lagt til siden er i orden)",
        "With --verify: exit 1 unless the history up to this check value is\nunchanged (events appended since are fine)",
    ),
    (
        "import",
        "update",
        "Før inn forskjellene i rader som svarer til oppdrag som finnes, som\nloggede endringer (uten blir de bare rapportert)",
        "Apply the differences of rows that match existing assignments, as\nlogged changes (without it they are only reported)",
    ),
];

/// What a value of an option with a fixed set of values means, where the
/// list says: (command path, argument id, value, bokmål, English).
pub const VALUE_HELP: &[(&str, &str, &str, &str, &str)] = &[
    (
        "list",
        "format",
        "xlsx",
        "En arbeidsbok: ett ark med oppdrag og ett med oppgaver (med -o FIL)",
        "A workbook: a sheet of assignments and one of tasks (with -o FILE)",
    ),
    (
        "brief",
        "format",
        "md",
        "Markdown: enkle tabeller for en pager, en e-post eller et dokument",
        "Markdown: plain tables for a pager, an e-mail or a document",
    ),
    (
        "brief",
        "format",
        "html",
        "Én selvstendig HTML-side for A4",
        "One self-contained HTML page for A4",
    ),
    (
        "council-report",
        "format",
        "md",
        "Markdown, for en e-post eller et dokument",
        "Markdown, for an e-mail or a document",
    ),
    (
        "council-report",
        "format",
        "html",
        "Ett selvstendig HTML-dokument for A4",
        "One self-contained HTML document for A4",
    ),
    (
        "council-report",
        "format",
        "xlsx",
        "En arbeidsbok, ett ark per del",
        "A workbook, one sheet per section",
    ),
    (
        "import",
        "format",
        "auto",
        "Ut fra filens navn og innhold.",
        "From the file's name and content.",
    ),
    (
        "export",
        "format",
        "json",
        "Alt som trengs for å bygge databasen på nytt, hendelsene med",
        "Everything needed to rebuild the database, events included",
    ),
    (
        "export",
        "format",
        "csv",
        "Oppdragene og oppgavene, én rad hver",
        "The assignments and tasks, one row each",
    ),
    (
        "export",
        "format",
        "xlsx",
        "En arbeidsbok: ett ark med oppdrag og ett med oppgaver",
        "A workbook: a sheet of assignments and one of tasks",
    ),
];

/// The placeholders for values (`--db <PATH>`): (as the parser names them,
/// which is the English, bokmål).
pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("PATH", "STI"),
    ("STATES", "TILSTANDER"),
    ("DATE", "DATO"),
    ("NAME", "NAVN"),
    ("LANG", "SPRÅK"),
    ("FILE", "FIL"),
    ("VERSION", "VERSJON"),
    ("YEAR", "ÅR"),
    ("YYYY", "ÅÅÅÅ"),
    ("ACTOR", "PERSON"),
    ("VALUE", "VERDI"),
    ("DATE|last-dialog", "DATO|last-dialog"),
    ("DATE|next-dialog", "DATO|next-dialog"),
    ("COMMAND", "KOMMANDO"),
    ("KOMMUNE", "KOMMUNE"),
    ("SECTOR", "SEKTOR"),
    ("STATUS", "STATUS"),
    ("GOAL", "MÅL"),
    ("SEARCH", "SØK"),
    ("FORMAT", "FORMAT"),
    ("ID", "ID"),
    ("URL", "URL"),
    ("TITLE", "TITTEL"),
    ("SECTORS", "SEKTORER"),
    ("PARENT", "OVER"),
    ("DUE", "FRIST"),
    ("OWNER", "ANSVARLIG"),
    ("DESCRIPTION", "BESKRIVELSE"),
    ("SOURCE", "KILDE"),
    ("ASSESSMENT", "VURDERING"),
    ("EXPECTED_DONE", "FORVENTET_FERDIG"),
    ("COMMENT", "KOMMENTAR"),
    ("PERIOD", "PERIODE"),
    ("SINCE", "FRA"),
    ("FROM", "FRA"),
    ("TO", "TIL"),
    ("CODE", "KODE"),
    ("IDS", "ID"),
    ("KIND", "TYPE"),
    ("NOTE", "NOTAT"),
    ("TAGS", "MERKE"),
    ("SIZE", "STØRRELSE"),
    ("SHELL", "SKALL"),
    ("ASSIGNMENTS", "OPPDRAG"),
    ("EVENTS_PER_ASSIGNMENT", "ANTALL"),
    ("SEED", "FRØ"),
    ("EVENT", "HENDELSE"),
    ("LABEL", "NAVN"),
    ("START", "START"),
    ("END", "SLUTT"),
    ("BODY", "ORGAN"),
    ("CASE", "SAK"),
    ("TEXT", "TEKST"),
    ("SHORT", "FORKORTELSE"),
    ("SHEET", "ARK"),
    ("ROLE", "ROLLE"),
];

/// The parts of a help page that are not about one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Usage,
    Commands,
    Arguments,
    Options,
    PossibleValues,
}

/// A help page's heading, without the colon.
pub fn heading(heading: Heading, lang: Lang) -> &'static str {
    match (lang, heading) {
        (Lang::Nb, Heading::Usage) => "Bruk",
        (Lang::Nb, Heading::Commands) => "Kommandoer",
        (Lang::Nb, Heading::Arguments) => "Argumenter",
        (Lang::Nb, Heading::Options) => "Valg",
        (Lang::Nb, Heading::PossibleValues) => "Mulige verdier",
        (Lang::En, Heading::Usage) => "Usage",
        (Lang::En, Heading::Commands) => "Commands",
        (Lang::En, Heading::Arguments) => "Arguments",
        (Lang::En, Heading::Options) => "Options",
        (Lang::En, Heading::PossibleValues) => "Possible values",
    }
}

/// The placeholder for "any of the options" in a usage line.
pub fn options_placeholder(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "[VALG]",
        Lang::En => "[OPTIONS]",
    }
}

/// `-h, --help`: the help, and the longer help when the command has a
/// longer form (then `-h` says so and `--help` says `-h` is shorter).
pub fn help_flag(lang: Lang, has_long: bool) -> (&'static str, Option<&'static str>) {
    match (lang, has_long) {
        (Lang::Nb, false) => ("Skriv ut hjelp", None),
        (Lang::Nb, true) => (
            "Skriv ut hjelp (mer med '--help')",
            Some("Skriv ut hjelp (et sammendrag med '-h')"),
        ),
        (Lang::En, false) => ("Print help", None),
        (Lang::En, true) => (
            "Print help (see more with '--help')",
            Some("Print help (see a summary with '-h')"),
        ),
    }
}

/// `-V, --version`.
pub fn version_flag(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Skriv ut versjonen",
        Lang::En => "Print version",
    }
}

/// An option's default, as shown after its help.
pub fn default_value(value: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("[standard: {value}]"),
        Lang::En => format!("[default: {value}]"),
    }
}

/// The environment variable an option is read from, with its value now.
pub fn env_variable(name: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("[miljøvariabel: {name}={value}]"),
        Lang::En => format!("[env: {name}={value}]"),
    }
}

/// The values an option takes, in one line.
pub fn possible_values(values: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("[mulige verdier: {values}]"),
        Lang::En => format!("[possible values: {values}]"),
    }
}

/// A section of the manual page: the English name roff readers know, in `lang`.
pub fn man_section(section: &str, lang: Lang) -> String {
    let nb = match section {
        "NAME" => "NAVN",
        "SYNOPSIS" => "SYNOPSIS",
        "DESCRIPTION" => "BESKRIVELSE",
        "OPTIONS" => "VALG",
        "COMMANDS" => "KOMMANDOER",
        "SUBCOMMANDS" => "UNDERKOMMANDOER",
        "ENVIRONMENT" => "MILJØ",
        "VERSION" => "VERSJON",
        other => other,
    };
    match lang {
        Lang::Nb => nb.to_string(),
        Lang::En => section.to_string(),
    }
}

/// The environment variables styr reads, for the manual page: (names, what).
pub fn man_environment(lang: Lang) -> [(&'static str, &'static str); 7] {
    match lang {
        Lang::Nb => [
            ("STYR_DB", "databasefilen, om ikke --db er gitt"),
            (
                "STYR_TODAY",
                "dagen som regnes som i dag (ÅÅÅÅ-MM-DD), om ikke --today er gitt",
            ),
            (
                "STYR_ACTOR",
                "hvem endringer logges på, om ikke --actor er gitt",
            ),
            ("STYR_LANG", "nb eller en, om ikke --lang er gitt"),
            (
                "STYR_CONFIG",
                "konfigurasjonsfilen, om ikke --config er gitt",
            ),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                "en engelsk locale (en_*) velger engelsk når ingenting annet velger",
            ),
            (
                "NO_COLOR",
                "satt til hva som helst: ingen farger i terminalgrensesnittet",
            ),
        ],
        Lang::En => [
            ("STYR_DB", "the database file, unless --db is given"),
            (
                "STYR_TODAY",
                "the day taken as today (YYYY-MM-DD), unless --today is given",
            ),
            (
                "STYR_ACTOR",
                "who changes are logged as, unless --actor is given",
            ),
            ("STYR_LANG", "nb or en, unless --lang is given"),
            (
                "STYR_CONFIG",
                "the configuration file, unless --config is given",
            ),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                "an English locale (en_*) chooses English when nothing else chooses",
            ),
            ("NO_COLOR", "set to anything: no colour in the terminal UI"),
        ],
    }
}

fn pick(lang: Lang, nb: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

/// A command's one-line summary.
pub fn about(path: &str, lang: Lang) -> Option<&'static str> {
    ABOUT
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|&(_, nb, en)| pick(lang, nb, en))
}

/// A command's longer description, where it has one.
pub fn long_about(path: &str, lang: Lang) -> Option<&'static str> {
    LONG_ABOUT
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|&(_, nb, en)| pick(lang, nb, en))
}

/// An argument's help.
pub fn arg(path: &str, id: &str, lang: Lang) -> Option<&'static str> {
    ARG_HELP
        .iter()
        .find(|(p, i, _, _)| *p == path && *i == id)
        .map(|&(_, _, nb, en)| pick(lang, nb, en))
}

/// An argument's longer help, where it has one.
pub fn arg_long(path: &str, id: &str, lang: Lang) -> Option<&'static str> {
    ARG_LONG_HELP
        .iter()
        .find(|(p, i, _, _)| *p == path && *i == id)
        .map(|&(_, _, nb, en)| pick(lang, nb, en))
}

/// What one value of an option means, where the list says.
pub fn value(path: &str, id: &str, value: &str, lang: Lang) -> Option<&'static str> {
    VALUE_HELP
        .iter()
        .find(|(p, i, v, _, _)| *p == path && *i == id && *v == value)
        .map(|&(_, _, _, nb, en)| pick(lang, nb, en))
}

/// A value's placeholder; `None` for one the table lacks.
pub fn value_name(name: &str, lang: Lang) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map(|&(en, nb)| pick(lang, nb, en))
}

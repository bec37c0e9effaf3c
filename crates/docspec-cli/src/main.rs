//! The `docspec` command line: `spec` (pages to OpenAPI), `gen` (OpenAPI to a crate) and
//! `build` (both). Each command computes all its outputs in memory, reports diagnostics, and
//! only then writes, atomically, through `docspec::writer`.

mod args;
mod progress;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser as _;
use docspec::Error;
use docspec::spec::SpecSettings;
use docspec::writer::{self, FileChange, Outputs, WriteMode};

use crate::args::{Args, BuildArgs, Command, GenArgs, OutputArgs, SpecArgs};
use crate::progress::Progress;
use crate::report::Reporter;

/// See `mimalloc` in the workspace Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, as documented in `--help` and the README.
mod exit {
    /// The inputs have errors (or warnings, under `--strict`), or cannot be expressed.
    pub(crate) const INPUT_ERRORS: u8 = 1;
    /// A file could not be read or written, or a spec file is not valid YAML/JSON/OpenAPI.
    pub(crate) const IO: u8 = 3;
    /// `--check` found outputs that would change.
    pub(crate) const STALE: u8 = 4;
}

fn main() -> ExitCode {
    let args = Args::parse();
    init_logging(args.quiet, args.verbose);
    let progress = Progress::start(args.quiet);
    let reporter = Reporter::new(args.quiet, args.verbose, progress.clone());

    let res = match &args.command {
        Command::Spec(spec_args) => run_spec(spec_args, &reporter, &progress),
        Command::Gen(gen_args) => run_gen(gen_args, &reporter, &progress),
        Command::Build(build_args) => run_build(build_args, &reporter, &progress),
    };
    progress.finish();

    match res {
        Ok(code) => code,
        Err(err) => {
            reporter.error(&err);
            ExitCode::from(exit_code_for(&err))
        }
    }
}

/// `docspec spec DOCS... -o FILE`.
fn run_spec(args: &SpecArgs, reporter: &Reporter, progress: &Progress) -> Result<ExitCode, Error> {
    // A bad output name is known before any page is read.
    if args.out.output.is_dir() {
        return Err(Error::WrongKind {
            path: args.out.output.clone(),
            message: "is a folder; name the spec file to write (`api.yaml`, `api.json`)",
        });
    }
    let format = docspec::spec_io::SpecFormat::from_path(&args.out.output)?;
    progress.stage("reading pages");
    let settings = spec_settings(
        &args.pages.docs,
        args.pages.title.as_deref(),
        &args.pages.api_version,
    );
    let run = docspec::docs_to_spec(&args.pages.docs, &settings)?;
    reporter.diagnostics_of_run(&run.diagnostics, args.pages.strict);
    reporter.spec_summary(&run);
    if let Some(code) = fail_on_diagnostics(&run, args.pages.strict, reporter) {
        return Ok(code);
    }

    progress.stage("writing");
    let flags = args.pages.output_flags();
    let regenerate_with = command_line("spec", &args.pages.docs, &flags, &args.out.output);
    let header = docspec::generated_header(&regenerate_with);
    let text =
        docspec::spec_io::render_spec(&run.openapi, format, Some(&header), &args.out.output)?;
    let mut outputs = Outputs::new();
    outputs.add(args.out.output.clone(), text);
    commit(&outputs, &args.out, reporter)
}

/// `docspec gen SPEC -o DIR`.
fn run_gen(args: &GenArgs, reporter: &Reporter, progress: &Progress) -> Result<ExitCode, Error> {
    progress.stage("reading the spec");
    let openapi = docspec::spec_io::read_spec(&args.spec)?;

    progress.stage("generating code");
    let flags = args.krate.output_flags();
    let inputs = std::slice::from_ref(&args.spec);
    let regenerate_with = command_line("gen", inputs, &flags, &args.out.output);
    let settings = docspec::gen_settings_for_dir(
        &args.out.output,
        &crate_name(args.krate.crate_name.as_deref(), &args.out.output),
        &regenerate_with,
        args.krate.runtime_path.as_deref(),
    )?;
    let generated = docspec::spec_to_crate(&openapi, &args.spec, &settings)?;
    reporter.gen_summary(&openapi, generated.files.len());

    progress.stage("writing");
    let mut outputs = Outputs::new();
    outputs.add_tree(&args.out.output, &generated.files);
    commit(&outputs, &args.out, reporter)
}

/// `docspec build DOCS... -o DIR`.
fn run_build(
    args: &BuildArgs,
    reporter: &Reporter,
    progress: &Progress,
) -> Result<ExitCode, Error> {
    progress.stage("reading pages");
    let spec_settings = spec_settings(
        &args.pages.docs,
        args.pages.title.as_deref(),
        &args.pages.api_version,
    );
    let mut flags = args.pages.output_flags();
    flags.extend(args.krate.output_flags());
    let regenerate_with = command_line("build", &args.pages.docs, &flags, &args.out.output);
    let gen_settings = docspec::gen_settings_for_dir(
        &args.out.output,
        &crate_name(args.krate.crate_name.as_deref(), &args.out.output),
        &regenerate_with,
        args.krate.runtime_path.as_deref(),
    )?;
    let run = docspec::docs_to_spec(&args.pages.docs, &spec_settings)?;
    reporter.diagnostics_of_run(&run.diagnostics, args.pages.strict);
    reporter.spec_summary(&run);
    if let Some(code) = fail_on_diagnostics(&run, args.pages.strict, reporter) {
        return Ok(code);
    }

    progress.stage("generating code");
    let outputs = docspec::build_outputs(&run.openapi, &args.out.output, &gen_settings)?;

    progress.stage("writing");
    commit(&outputs, &args.out, reporter)
}

/// Writes (or, with `--check`, compares) the outputs and reports what changed.
fn commit(outputs: &Outputs, out: &OutputArgs, reporter: &Reporter) -> Result<ExitCode, Error> {
    let mode = if out.check {
        WriteMode::Check
    } else {
        WriteMode::Write
    };
    let changes: Vec<FileChange> = writer::commit(outputs, mode)?;
    reporter.changes(&changes, outputs.files().len(), mode);
    if mode == WriteMode::Check && !changes.is_empty() {
        return Ok(ExitCode::from(exit::STALE));
    }
    Ok(ExitCode::SUCCESS)
}

/// `Some(exit code)` when the diagnostics stop the run (nothing is written then).
fn fail_on_diagnostics(
    run: &docspec::SpecRun,
    strict: bool,
    reporter: &Reporter,
) -> Option<ExitCode> {
    let count = run.error_count(strict);
    if count == 0 {
        return None;
    }
    reporter.no_output(count, strict);
    Some(ExitCode::from(exit::INPUT_ERRORS))
}

fn exit_code_for(err: &Error) -> u8 {
    match err {
        Error::Diagnostics { .. } | Error::Codegen { .. } => exit::INPUT_ERRORS,
        Error::MissingInput { .. }
        | Error::Io { .. }
        | Error::InvalidSpec { .. }
        | Error::UnknownSpecFormat { .. }
        | Error::Serialize { .. }
        | Error::NotGenerated { .. }
        | Error::WrongKind { .. }
        | Error::NoOutDir => exit::IO,
    }
}

fn spec_settings(docs: &[PathBuf], title: Option<&str>, version: &str) -> SpecSettings {
    let title = match title {
        Some(title) => title.to_string(),
        None => default_title(docs),
    };
    SpecSettings {
        title,
        version: version.to_string(),
    }
}

/// The name of the first docs folder (`restful`, `pages`), absolute so that `.` has a name.
fn default_title(docs: &[PathBuf]) -> String {
    let first = docs.first().and_then(|it| std::path::absolute(it).ok());
    let name = first
        .as_deref()
        .and_then(Path::file_name)
        .map(|it| it.to_string_lossy());
    name.map_or_else(|| "API".to_string(), |it| it.into_owned())
}

/// The crate name: as given, or the output folder's name in kebab-case.
fn crate_name(given: Option<&str>, out_dir: &Path) -> String {
    if let Some(name) = given {
        return name.to_string();
    }
    let folder = std::path::absolute(out_dir).ok().and_then(|it| {
        it.file_name()
            .map(|name| name.to_string_lossy().into_owned())
    });
    let mut name: String = folder
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let starts_with_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !starts_with_letter {
        name.insert_str(0, "api-");
    }
    name
}

/// The command that reproduces this run, quoted in generated files' first lines: the inputs,
/// every flag that changes the output, and the output.
fn command_line(
    command: &str,
    inputs: &[PathBuf],
    flags: &[(&str, &str)],
    output: &Path,
) -> String {
    let mut words = vec!["docspec".to_string(), command.to_string()];
    words.extend(
        inputs
            .iter()
            .map(|it| shell_word(&it.display().to_string())),
    );
    for (flag, value) in flags {
        words.push((*flag).to_string());
        words.push(shell_word(value));
    }
    words.push("-o".to_string());
    words.push(shell_word(&output.display().to_string()));
    words.join(" ")
}

/// `word` as a POSIX shell reads it back: single-quoted when it holds anything but plain
/// characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./,:=@+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_string();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

fn init_logging(quiet: bool, verbose: u8) {
    let default_level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .with_target(false)
        .init();
}

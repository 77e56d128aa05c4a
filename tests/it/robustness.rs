//! Hostile input (issue 6): every kind of file a staffer's folder may hold, generated here in
//! temporary directories, and what must happen with each: loaded (with a warning when
//! something was repaired or guessed), or skipped with a diagnostic naming the file and, when
//! the problem is in the text, the line. Nothing panics, nothing hangs.

use crate::util::English;
use dossier_core::limits::Limits;
use dossier_core::load::{load, load_limited, LoadOptions, LoadReport};
use dossier_core::model::Question;
use dossier_core::parse::diagnostic::{Diagnostic, Severity};
use dossier_core::parse::parse_bytes;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SEEDS: [&str; 5] = [
    "000_ca7e1411996a7a9f.txt",
    "001_8a016c17cf93605d.txt",
    "002_eb32264c33876689.txt",
    "003_d03222e0d74a5826.txt",
    "004_68d0ed20e3d9d359.txt",
];

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write");
    path
}

fn load_paths(paths: &[PathBuf]) -> LoadReport {
    load(paths, &LoadOptions::default())
}

/// Writes `bytes` as one file and loads it.
fn load_file(name: &str, bytes: impl AsRef<[u8]>) -> (TempDir, PathBuf, LoadReport) {
    let dir = tmp();
    let path = write(dir.path(), name, bytes);
    let report = load_paths(std::slice::from_ref(&path));
    (dir, path, report)
}

/// The question parsed from a seed's UTF-8 text, with `source` set to "x".
fn reference(name: &str) -> Question {
    match parse_bytes(seed(name).as_bytes(), "x") {
        Ok(p) => p.question,
        Err(e) => panic!("{name}: {e:?}"),
    }
}

/// Asserts a single skipped diagnostic for `path`, at `line`, whose message contains `what`.
fn assert_skipped(report: &LoadReport, path: &Path, line: Option<usize>, what: &str) {
    assert!(report.questions.is_empty(), "nothing loaded from {path:?}");
    let skipped: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", report.diagnostics);
    let d = skipped[0];
    assert_eq!(PathBuf::from(&d.path), path);
    assert_eq!(d.line, line, "{d:?}");
    assert!(d.message().contains(what), "{d:?}");
    let shown = d.shown();
    let prefix = match line {
        Some(l) => format!("{}:{l}: skipped: ", path.display()),
        None => format!("{}: skipped: ", path.display()),
    };
    assert!(shown.starts_with(&prefix), "{shown}");
}

/// Asserts one question equal to `expected` (ignoring `source`) and returns the warnings.
fn assert_loaded_as(report: &LoadReport, expected: &Question) -> Vec<Diagnostic> {
    assert_eq!(report.questions.len(), 1, "{:?}", report.diagnostics);
    let mut q = report.questions[0].clone();
    q.source = expected.source.clone();
    assert_eq!(&q, expected);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Warning));
    report.diagnostics.clone()
}

/// A small deterministic generator, so the "random" inputs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 24) as u8).collect()
    }
}

#[test]
fn empty_file_is_skipped() {
    let (_dir, path, report) = load_file("empty.md", b"");
    assert_skipped(&report, &path, Some(1), "empty file");
}

#[test]
fn whitespace_only_is_skipped() {
    let (_dir, path, report) = load_file("blank.txt", " \n\t\r\n\u{a0}\u{202f}\n\n   ");
    assert_skipped(&report, &path, Some(1), "only blank lines");
}

#[test]
fn binary_garbage_is_skipped() {
    let mut rng = Rng(0x5eed);
    let (_dir, path, report) = load_file("garbage.txt", rng.bytes(4096));
    assert!(report.diagnostics[0].message().contains("binary data"));
    assert_skipped(
        &report,
        &path,
        report.diagnostics[0].line,
        "not a text document",
    );
    assert!(report.diagnostics[0].line.is_some());

    // Without any NUL byte: caught by its control characters.
    let bytes: Vec<u8> = rng.bytes(4096).into_iter().map(|b| b.max(1)).collect();
    let (_dir, path, report) = load_file("garbage.md", bytes);
    assert_skipped(
        &report,
        &path,
        report.diagnostics[0].line,
        "control characters",
    );
}

#[test]
fn pdf_and_png_saved_as_text_are_skipped_and_real_ones_ignored() {
    let dir = tmp();
    let pdf = write(
        dir.path(),
        "rapport.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    );
    let png = write(
        dir.path(),
        "capture.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    // Real PDFs and images next to the documents are not question files: ignored, counted.
    write(dir.path(), "rapport.pdf", b"%PDF-1.7\n");
    write(dir.path(), "photo.png", b"\x89PNG\r\n");
    write(dir.path(), "q.txt", seed(SEEDS[1]));
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.questions.len(), 1);
    assert_eq!(report.files_ignored, 2);
    assert_eq!(report.files_skipped, 2);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(
        shown,
        vec![
            format!(
                "{}:1: skipped: this is a PNG image, not a question document",
                png.display()
            ),
            format!(
                "{}:1: skipped: this is a PDF document, not a question document",
                pdf.display()
            ),
        ]
    );
}

/// Byte offset just past the line that contains `needle`.
fn end_of_line_with(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in seed");
    text[at..].find('\n').map_or(text.len(), |n| at + n)
}

#[test]
fn truncated_seeds_never_panic_and_say_what_is_missing() {
    for name in SEEDS {
        let text = seed(name);
        let full = reference(name);
        let bytes = text.as_bytes();
        let number_start = text.find("Question écrite n°").expect("heading");
        let number_end = end_of_line_with(&text, "Question écrite n°");
        let data_end = end_of_line_with(&text, "Ministère attributaire");
        let mut cuts: Vec<usize> = (0..bytes.len()).step_by(11).collect();
        cuts.extend(number_start..number_end + 2);
        cuts.extend(data_end.saturating_sub(40)..bytes.len());
        for cut in cuts {
            let result = parse_bytes(&bytes[..cut], "cut");
            match result {
                Err(e) => {
                    // Only a document cut before its number may be refused.
                    assert!(cut < number_end, "{name} cut at {cut}: {e:?}");
                    assert!(e.line.is_some(), "{name} cut at {cut}: a line");
                }
                Ok(parsed) => {
                    let q = &parsed.question;
                    assert_eq!(
                        q.id,
                        Question::make_id(q.legislature, q.number, q.kind),
                        "{name} cut at {cut}"
                    );
                    if cut >= number_end {
                        assert_eq!(q.id, full.id, "{name} cut at {cut}");
                    }
                    if cut < data_end {
                        // The data part is missing: the user is told.
                        assert!(!parsed.warnings.is_empty(), "{name} cut at {cut}");
                    }
                    // A cut inside a multi-byte character is not mistaken for Windows-1252.
                    if !text.is_char_boundary(cut) {
                        let messages: Vec<String> =
                            parsed.warnings.iter().map(|w| w.message()).collect();
                        assert!(
                            messages.iter().any(|m| m.contains("truncated")),
                            "{name} cut at {cut}: {messages:?}"
                        );
                        assert!(!messages.iter().any(|m| m.contains("Windows-1252")));
                    }
                }
            }
        }
    }
}

#[test]
fn windows_1252_copies_of_every_seed_load_the_same_with_a_warning() {
    for name in SEEDS {
        let text = seed(name);
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable, "{name} fits Windows-1252");
        let (_dir, path, report) = load_file("cp1252.txt", &bytes);
        let warnings = assert_loaded_as(&report, &reference(name));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(PathBuf::from(&warnings[0].path), path);
        assert!(warnings[0].message().contains("Windows-1252"));
        // The line of the first accented letter: "ASSEMBLÉE NATIONALE", line 5.
        assert_eq!(warnings[0].line, Some(5), "{:?}", warnings[0]);
    }
}

#[test]
fn latin1_copies_load_the_same_with_a_warning() {
    // Seed 000 has "œ" and "€", which Latin-1 lacks; the four others fit.
    for name in &SEEDS[1..] {
        let text = seed(name);
        let bytes: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
            .collect();
        let (_dir, _path, report) = load_file("latin1.md", &bytes);
        let warnings = assert_loaded_as(&report, &reference(name));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message().contains("Latin-1"));
    }
}

#[test]
fn crlf_bom_and_utf16_copies_load_the_same() {
    for name in SEEDS {
        let text = seed(name);
        let expected = reference(name);
        let crlf = text.replace('\n', "\r\n");
        let (_d, _p, report) = load_file("crlf.txt", &crlf);
        assert!(assert_loaded_as(&report, &expected).is_empty());
        let bom = format!("\u{feff}{crlf}");
        let (_d, _p, report) = load_file("bom.txt", &bom);
        assert!(assert_loaded_as(&report, &expected).is_empty());
        // Windows' "Unicode" (UTF-16 LE with BOM): loaded, with a warning.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (_d, _p, report) = load_file("utf16.txt", &utf16);
        let warnings = assert_loaded_as(&report, &expected);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message().contains("UTF-16"));
    }
}

#[test]
fn a_20_mb_file_is_skipped_unread_and_the_others_load() {
    let dir = tmp();
    let big = dir.path().join("big.txt");
    // A sparse file: 20 MiB on paper, nothing to write.
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(20 * 1024 * 1024).expect("set_len");
    write(dir.path(), "q.txt", seed(SEEDS[0]));
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.questions.len(), 1);
    assert_eq!(report.files_skipped, 1);
    let d = &report.diagnostics[0];
    assert_eq!(
        d.shown(),
        format!(
            "{}: skipped: file is 20.0 MiB, over the 8.0 MiB limit for a question document",
            big.display()
        )
    );
    // Not read at all: only the small file's bytes count.
    assert_eq!(report.bytes_read, seed(SEEDS[0]).len() as u64);

    // The limit is a parameter of the load.
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let small = load_limited(
        &[dir.path().join("q.txt")],
        &LoadOptions::default(),
        &limits,
    );
    assert!(small.questions.is_empty());
    assert!(small.diagnostics[0]
        .message()
        .contains("over the 1 KiB limit"));
}

#[test]
fn a_single_1_mb_line_is_skipped_with_its_line() {
    let (_dir, path, report) = load_file("line.txt", "a".repeat(1024 * 1024));
    assert_skipped(
        &report,
        &path,
        Some(1),
        "line is 1.0 MiB long, over the 256 KiB limit",
    );

    // The same line inside a real document, as its line 15.
    let text = seed(SEEDS[1]);
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    lines.insert(14, "b".repeat(1024 * 1024));
    let (_dir, path, report) = load_file("long.txt", lines.join("\n"));
    assert_skipped(&report, &path, Some(15), "over the 256 KiB limit");
}

#[test]
fn nul_bytes_few_are_dropped_with_a_warning_many_mean_binary() {
    let text = seed(SEEDS[2]);
    let mut bytes = text.clone().into_bytes();
    // Three stray NULs in line 15 (the question text).
    let at = text.find("M. Corentin Le Fur alerte").expect("text");
    for _ in 0..3 {
        bytes.insert(at + 2, 0);
    }
    let (_dir, path, report) = load_file("nul.txt", &bytes);
    let warnings = assert_loaded_as(&report, &reference(SEEDS[2]));
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].shown(),
        format!(
            "{}:15: warning: 3 control characters (NUL, escape, …) removed: the file looks damaged",
            path.display()
        )
    );

    let mut bytes = b"Question \xc3\xa9crite n\xc2\xb0 12\n".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 64));
    let (_dir, path, report) = load_file("nuls.txt", &bytes);
    assert_skipped(&report, &path, Some(2), "binary data (NUL bytes)");
}

#[test]
fn deeply_nested_directories_stop_at_the_depth_limit() {
    let dir = tmp();
    let mut deep = dir.path().to_path_buf();
    for level in 1..=70 {
        deep.push("d");
        if level == 10 {
            write(&deep, "shallow.txt", seed(SEEDS[1]));
        }
        if level == 64 {
            // The last level walked into: its files are read, its subdirectories are not.
            write(&deep, "at64.txt", seed(SEEDS[2]));
        }
    }
    write(&deep, "too_deep.txt", seed(SEEDS[3]));
    let report = load_paths(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = report.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, vec!["17-13985QE"]);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Skipped);
    assert!(
        d.message().contains("nested deeper than 64 levels"),
        "{d:?}"
    );
    // The directory named is the one at depth 64, under which nothing was read.
    let named = PathBuf::from(&d.path);
    assert_eq!(
        named.strip_prefix(dir.path()).map(|p| p.iter().count()),
        Ok(64)
    );
    // at64.txt sits at depth 65 (inside the 64th directory): not read either.
    assert!(!ids.contains(&"17-13811QE"));

    let shallow = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    let report = load_limited(
        &[dir.path().to_path_buf()],
        &LoadOptions::default(),
        &shallow,
    );
    assert!(report.questions.is_empty());
    assert!(report.diagnostics[0]
        .message()
        .contains("deeper than 3 levels"));
}

#[test]
fn the_number_of_files_is_limited_with_a_message() {
    let dir = tmp();
    for (i, name) in SEEDS.iter().enumerate() {
        write(dir.path(), &format!("{i}.txt"), seed(name));
    }
    let limits = Limits {
        max_files: 3,
        ..Limits::default()
    };
    let report = load_limited(
        &[dir.path().to_path_buf()],
        &LoadOptions::default(),
        &limits,
    );
    assert_eq!(report.questions.len(), 3);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(
        shown,
        vec![format!(
            "{}: skipped: more than 3 files: the rest was not read",
            dir.path().display()
        )]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let dir = tmp();
    write(dir.path(), "q.txt", seed(SEEDS[0]));
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    symlink(dir.path(), dir.path().join("sub/back")).expect("symlink");
    symlink("self.md", dir.path().join("self.md")).expect("symlink");
    symlink("nowhere.md", dir.path().join("gone.md")).expect("symlink");
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.questions.len(), 1);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    let find = |needle: &str| {
        shown
            .iter()
            .find(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("no diagnostic about {needle}: {shown:?}"))
            .clone()
    };
    assert!(find("back").contains("skipped: symbolic link loop: not followed"));
    assert!(find("self.md").contains("skipped: cannot read"));
    assert!(find("gone.md").contains("skipped: cannot read"));
    assert_eq!(report.files_skipped, 3);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_skipped_where_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let locked = write(dir.path(), "locked.txt", seed(SEEDS[1]));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let report = load_paths(std::slice::from_ref(&locked));
    if std::fs::File::open(&locked).is_err() {
        assert_skipped(&report, &locked, None, "cannot read: Permission denied");
    } else {
        // Running as root (or with CAP_DAC_OVERRIDE): mode 000 does not stop reads, so the
        // file loads. The read-failure path is tested below with a file whose read fails
        // for everyone.
        assert_eq!(report.questions.len(), 1);
    }

    // /proc/self/mem opens, but reading it from offset 0 fails (EIO) even for root.
    #[cfg(target_os = "linux")]
    {
        let mem = PathBuf::from("/proc/self/mem");
        let report = load_paths(std::slice::from_ref(&mem));
        assert_skipped(&report, &mem, None, "cannot read");
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_skipped_without_blocking() {
    let dir = tmp();
    let fifo = dir.path().join("pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    write(dir.path(), "q.txt", seed(SEEDS[0]));
    // Inside a directory: nobody writes to the FIFO, so opening it would block forever.
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.questions.len(), 1);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(
        shown,
        vec![format!(
            "{}: skipped: not a regular file (FIFO, device or socket)",
            fifo.display()
        )]
    );
    // Named on the command line, and a device.
    for path in [fifo.clone(), PathBuf::from("/dev/zero")] {
        let report = load_paths(std::slice::from_ref(&path));
        assert_skipped(
            &report,
            &path,
            None,
            "not a regular file (FIFO, device or socket)",
        );
    }
}

#[test]
fn identical_duplicates_keep_the_first_and_say_why() {
    let dir = tmp();
    let a = write(dir.path(), "a.txt", seed(SEEDS[4]));
    let b = write(dir.path(), "b/copy.md", seed(SEEDS[4]));
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.questions.len(), 1);
    assert_eq!(PathBuf::from(&report.questions[0].source), a);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(
        shown,
        vec![format!(
            "{}: skipped: duplicate of {} (same id 16-16353QE): kept {}, as it tells as much, \
             and was found first",
            b.display(),
            a.display(),
            a.display()
        )]
    );
}

#[test]
fn an_impossible_date_is_a_warning_on_its_line() {
    let text = seed(SEEDS[1]).replace("[31 mars 2026]", "[31 février 2026]");
    let line = text
        .lines()
        .position(|l| l.contains("février 2026"))
        .expect("line")
        + 1;
    let (_dir, path, report) = load_file("fevrier.txt", &text);
    assert_eq!(report.questions.len(), 1);
    let q = &report.questions[0];
    assert_eq!(q.id, "17-13985QE");
    assert!(q.events.is_empty());
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.shown()).collect();
    assert_eq!(
        shown,
        vec![
            format!(
                "{}: warning: no 'Question publiée au JO le' line: deadline unknown",
                path.display()
            ),
            format!(
                "{}:{line}: warning: impossible date '31 février 2026' in 'Question publiée au \
                 JO le': line ignored",
                path.display()
            ),
        ]
    );
    // 29 February exists only in leap years.
    let text = seed(SEEDS[1]).replace("[31 mars 2026]", "[29 février 2025]");
    let (_dir, _path, report) = load_file("bissextile.txt", &text);
    assert!(report.diagnostics[1].message().contains("impossible date"));
    let text = seed(SEEDS[1]).replace("[31 mars 2026]", "[29 février 2024]");
    let (_dir, _path, report) = load_file("bissextile.txt", &text);
    assert!(report.diagnostics.is_empty());
}

#[test]
fn numbers_that_overflow() {
    // The question number: no id without it, so the file is skipped, at the line.
    let text = seed(SEEDS[1]).replace("n° 13985", "n° 99999999999");
    let line = text
        .lines()
        .position(|l| l.contains("n° 9999"))
        .expect("line")
        + 1;
    let (_dir, path, report) = load_file("big_number.txt", &text);
    assert_skipped(
        &report,
        &path,
        Some(line),
        "question number 99999999999 is too large",
    );

    // A legislature beyond u16: a warning, and the legislature is taken from the dates.
    let text = seed(SEEDS[1]).replace("17ème législature", "99999ème législature");
    let (_dir, _path, report) = load_file("big_legislature.txt", &text);
    assert_eq!(report.questions[0].id, "17-13985QE");
    let messages: Vec<String> = report.diagnostics.iter().map(|d| d.message()).collect();
    assert_eq!(
        messages,
        vec![
            "no legislature line: 17th legislature assumed from the dates",
            "legislature '99999' is not valid"
        ]
    );

    // A page number too long to be one is left out rather than misread.
    let text = seed(SEEDS[1]).replace("page 2651", "page 26519999999999");
    let (_dir, _path, report) = load_file("big_page.txt", &text);
    assert_eq!(report.questions[0].events[0].page, None);
}

#[test]
fn labels_with_odd_spacing_are_recognised() {
    let plain = seed(SEEDS[1]);
    let line = "Auteur : [M. Marc Chavent](#)";
    assert!(plain.contains(line));
    for odd in [
        "Auteur: [M. Marc Chavent](#)",
        "Auteur  :  [M. Marc Chavent](#)",
        "Auteur\u{a0}: [M. Marc Chavent](#)",
        "Auteur\u{202f}:\u{a0}[M. Marc Chavent](#)",
        "\tAuteur\t:\t[M. Marc Chavent](#)",
        "   AUTEUR : [M. Marc Chavent](#)   ",
        "Auteur :[M. Marc Chavent](#)",
    ] {
        let (_dir, _path, report) = load_file("odd.txt", plain.replace(line, odd));
        assert!(
            report.diagnostics.is_empty(),
            "{odd:?}: {:?}",
            report.diagnostics
        );
        assert_eq!(report.questions[0].author, "M. Marc Chavent", "{odd:?}");
    }
    let markdown = seed(SEEDS[0]);
    let line = "**Auteur :** [Mme Sylvie Bonnet](#)";
    assert!(markdown.contains(line));
    for odd in [
        "**Auteur:** [Mme Sylvie Bonnet](#)",
        "**Auteur\u{a0}:** [Mme Sylvie Bonnet](#)",
        "**Auteur** : [Mme Sylvie Bonnet](#)",
        "** Auteur :**[Mme Sylvie Bonnet](#)",
    ] {
        let (_dir, _path, report) = load_file("odd.md", markdown.replace(line, odd));
        assert!(
            report.diagnostics.is_empty(),
            "{odd:?}: {:?}",
            report.diagnostics
        );
        assert_eq!(report.questions[0].author, "Mme Sylvie Bonnet", "{odd:?}");
    }
}

//! The HTML memo opened in a real headless browser (the distribution's Chromium, which
//! `.ci/run` installs): it renders without a console message, its DOM holds the charts' SVG
//! and the tables, a hostile title stays text, and screenshots at 1280x800 and at a phone's
//! width are not blank. The pages and screenshots are kept under the test's target folder
//! (`html-memo/`) for a person to look at.

use crate::scoreboard::sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// What the browser printed.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs the headless browser on `page` with `args`, in a fresh profile, without anything
/// that would reach for the network (this machine has none: the background services would
/// hang it); killed after a minute.
fn chromium(page: &Path, args: &[&str]) -> Run {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is needed by the HTML memo's tests: apt-get install chromium (.ci/run does)"
    );
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("profile");
    let (out, err) = (work.path().join("out"), work.path().join("err"));
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within a minute on {}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Run {
        stdout: std::fs::read_to_string(out).unwrap_or_default(),
        stderr: std::fs::read_to_string(err).unwrap_or_default(),
    }
}

/// The page's console messages (errors, warnings, logs), as Chromium reports them.
fn console(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .collect()
}

/// A screenshot of `page` at `width`x`height`, decoded: its size and RGBA pixels.
fn screenshot(page: &Path, width: u32, height: u32, keep: &Path) -> (u32, u32, Vec<u8>) {
    let _ = std::fs::remove_file(keep);
    let run = chromium(
        page,
        &[
            &format!("--screenshot={}", keep.display()),
            &format!("--window-size={width},{height}"),
        ],
    );
    assert!(keep.exists(), "no screenshot: {}", run.stderr);
    let decoder = png::Decoder::new(std::fs::File::open(keep).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

/// How many distinct colours, the share of pixels that are not white, and whether a colour
/// near `ink` appears.
fn variety(rgba: &[u8], ink: [u8; 3]) -> (usize, f64, bool) {
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    let mut has_ink = false;
    for p in rgba.chunks(4) {
        colours.insert((p[0], p[1], p[2]));
        if p[0] < 245 || p[1] < 245 || p[2] < 245 {
            inked += 1;
        }
        let near = (0..3).all(|i| p[i].abs_diff(ink[i]) < 24);
        has_ink |= near;
    }
    (
        colours.len(),
        inked as f64 / (rgba.len() / 4) as f64,
        has_ink,
    )
}

/// Where a test keeps its pages and screenshots for a person to look at.
fn kept(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-memo");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The memo of the test dossier in `lang`, written to a file kept for a person to look at.
fn memo(args: &[&str], name: &str) -> (PathBuf, String) {
    let (s, dir) = sandbox();
    let mut all = args.to_vec();
    all.push(&dir);
    let html = s.ok(&all);
    let path = kept(name);
    std::fs::write(&path, &html).unwrap();
    (path, html)
}

#[test]
fn the_html_memo_renders_in_a_headless_browser_with_its_charts_and_tables() {
    let (page, html) = memo(&["report", "--format", "html"], "memo_fr.html");
    // Self-contained: no script, no style sheet, image, font or frame fetched from anywhere.
    for outside in ["<script", "<link", " src=", "url(", "@import", "<iframe"] {
        assert!(!html.contains(outside), "{outside} in the memo");
    }
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("@media print"));

    let run = chromium(&page, &["--dump-dom"]);
    assert!(console(&run).is_empty(), "console: {:?}", console(&run));
    let dom = &run.stdout;
    assert_eq!(dom.matches("<svg").count(), 2, "two charts");
    assert!(dom.contains("role=\"img\""));
    // Each chart is followed by its numbers.
    assert_eq!(dom.matches("<table class=\"numbers cards\">").count(), 2);
    assert!(dom.contains("<table class=\"cards\">"));
    assert!(dom.contains("Questions en retard par ministère"));
    assert!(dom.contains("Santé et prévention"));
    // The hostile title is text in the DOM: no script element came of it.
    assert!(!dom.contains("<script"), "a script element in the DOM");
    assert!(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; Urgences pédiatriques"));

    let (w, h, rgba) = screenshot(&page, 1280, 800, &kept("memo_fr_1280x800.png"));
    assert_eq!((w, h), (1280, 800));
    let (colours, inked, red) = variety(&rgba, [0xb3, 0x26, 0x1e]);
    assert!(colours > 50, "{colours} colours: blank?");
    assert!((0.02..0.9).contains(&inked), "{inked} of the pixels inked");
    assert!(red, "the overdue chart's bars are not on the screen");

    // At a phone's width the page is still drawn (tables as cards).
    let (_, _, phone) = screenshot(&page, 390, 844, &kept("memo_fr_390x844.png"));
    let (colours, inked, _) = variety(&phone, [0, 0, 0]);
    assert!(
        colours > 20 && inked > 0.02,
        "{colours} colours, {inked} inked"
    );
}

#[test]
fn the_english_memo_and_the_signalement_memo_render_too() {
    let (page, html) = memo(
        &["--lang", "en", "report", "--format", "html"],
        "memo_en.html",
    );
    assert!(html.contains("<html lang=\"en\">"));
    let run = chromium(&page, &["--dump-dom"]);
    assert!(console(&run).is_empty(), "console: {:?}", console(&run));
    assert!(run.stdout.contains("Overdue questions per ministry"));
    assert!(run.stdout.contains("How long the questions have waited"));

    let (page, _) = memo(
        &["report", "--signalement", "--format", "html"],
        "signalement_fr.html",
    );
    let run = chromium(&page, &["--dump-dom"]);
    assert!(console(&run).is_empty(), "console: {:?}", console(&run));
    assert!(run.stdout.contains("17-106QE"));
    assert!(run.stdout.contains("Déjà signalées, toujours sans réponse"));
    assert_eq!(run.stdout.matches("<table class=\"cards\">").count(), 2);
    let (w, h, rgba) = screenshot(&page, 1280, 800, &kept("signalement_fr_1280x800.png"));
    assert_eq!((w, h), (1280, 800));
    let (colours, inked, _) = variety(&rgba, [0, 0, 0]);
    assert!(
        colours > 20 && inked > 0.02,
        "{colours} colours, {inked} inked"
    );
}

#[test]
fn the_console_check_sees_a_page_that_errs() {
    // The check above can fail: a page whose script errs is caught.
    let page = kept("erring.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>console.error('boom'); nosuch();</script></body></html>",
    )
    .unwrap();
    let run = chromium(&page, &["--dump-dom"]);
    let messages = console(&run);
    assert!(
        messages.iter().any(|m| m.contains("nosuch is not defined")),
        "{messages:?}"
    );
}

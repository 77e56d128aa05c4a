//! Bringing one archive up to date.
//!
//! With a copy kept, the request is conditional (`If-None-Match`, `If-Modified-Since`): a 304
//! costs nothing. A new version is written to a hidden part file, its validators recorded
//! first, so that a download cut short (the AN's portal drops long ones) resumes from where
//! it stopped: `Range` with `If-Range`, so that a version changed meanwhile starts over. The
//! download is checked (complete, a zip of what the archive holds) before it is renamed over
//! the copy kept: a failure never touches it.

use super::check::{check_archive, NotAnArchive};
use super::client::{Client, Response};
use super::store::{Copy, Downloads, Partial, State};
use super::Archive;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};

/// How a fetch ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The copy kept is the server's (304): nothing downloaded.
    NotModified,
    /// A new version is in place.
    Downloaded {
        /// Its size.
        bytes: u64,
        /// Bytes a previous, interrupted download had already brought.
        resumed_from: u64,
    },
}

/// Why a fetch failed: the copy kept (if any) is as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// The server's name could not be resolved (no DNS, a mistyped host).
    #[error("host not found")]
    HostNotFound,
    /// No route to the server: the machine is offline.
    #[error("no network")]
    NoNetwork,
    /// Nothing listens at the address.
    #[error("connection refused")]
    Refused,
    /// The server did not answer, or stopped sending, within the timeout.
    #[error("timed out after {0} s")]
    Timeout(u64),
    /// An HTTP error status.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The body ended before its announced length (or the connection dropped).
    #[error("cut short after {received} bytes")]
    Truncated {
        /// Bytes on disk now.
        received: u64,
        /// The archive's length, when announced.
        expected: Option<u64>,
        /// The part is kept: the next update resumes it.
        resumable: bool,
    },
    /// An HTML page (an error or login page) instead of an archive.
    #[error("an HTML page instead of a zip archive")]
    Html,
    /// Something else than a zip archive.
    #[error("not a zip archive ({0})")]
    NotAZip(String),
    /// A zip, but not the AN archive expected.
    #[error("{0}")]
    NotAnArchive(NotAnArchive),
    /// Larger than the limit.
    #[error("larger than {0} bytes")]
    TooBig(u64),
    /// A redirect to plain http from an https repository.
    #[error("redirected to plain http")]
    Downgraded,
    /// TLS failed (a certificate not trusted, an interception proxy).
    #[error("TLS: {0}")]
    Tls(String),
    /// The proxy refused or failed.
    #[error("proxy: {0}")]
    Proxy(String),
    /// Anything else the connection or the server did wrong.
    #[error("{0}")]
    Protocol(String),
    /// The download could not be written.
    #[error("{path}: {error}")]
    Disk {
        /// The file.
        path: String,
        /// The system's error.
        error: String,
    },
}

/// What a download reports as it goes.
pub trait Watch {
    /// A download starts at byte `from` (after an interrupted one) of `total`, when known.
    fn start(&self, from: u64, total: Option<u64>);
    /// `done` bytes of the archive are on disk.
    fn advance(&self, done: u64);
}

/// Tries per archive and run: an interrupted download that made progress resumes at once.
const ATTEMPTS: usize = 3;

/// The bounds of a download.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest archive accepted.
    pub max_bytes: u64,
    /// The client's timeout (to say it).
    pub timeout: std::time::Duration,
}

/// Brings `archive` up to date from `url` into `downloads`: not modified, or downloaded,
/// checked and in place of the copy kept.
pub fn fetch(
    client: &Client,
    downloads: &Downloads,
    archive: &Archive,
    url: &str,
    limits: Limits,
    watch: &dyn Watch,
) -> Result<Fetched, Failure> {
    let mut state = downloads.state(archive);
    if state.partial.as_ref().is_some_and(|p| p.url != url) {
        // Another server's bytes: not resumed from this one.
        downloads
            .drop_part(archive, &mut state)
            .map_err(|e| disk(&downloads.part(archive), &e))?;
    }
    let job = Job {
        client,
        downloads,
        archive,
        url,
        max_bytes: limits.max_bytes,
        timeout_secs: limits.timeout.as_secs(),
        watch,
    };
    let mut tries = 0;
    let mut restarted = false;
    let cut_short = |state: &State| Failure::Truncated {
        received: downloads.part_len(archive),
        expected: state.partial.as_ref().and_then(|p| p.length),
        resumable: state.partial.is_some(),
    };
    loop {
        let step = match job.attempt(&mut state) {
            Ok(step) => step,
            // Resuming failed (the server went away): what came is kept for the next update.
            Err(_) if tries > 0 && state.partial.is_some() => return Err(cut_short(&state)),
            Err(failure) => return Err(failure),
        };
        match step {
            Step::Done(done) => return Ok(done),
            // Once: the next request asks for the whole archive.
            Step::Restart if !restarted => restarted = true,
            Step::Restart => {
                return Err(Failure::Protocol(
                    "the server's ranges do not match what was asked".into(),
                ))
            }
            Step::Again => {
                tries += 1;
                if tries >= ATTEMPTS {
                    return Err(cut_short(&state));
                }
                tracing::info!(url, "download interrupted, resuming");
            }
        }
    }
}

/// One archive's fetch, and what it needs.
struct Job<'a> {
    client: &'a Client,
    downloads: &'a Downloads,
    archive: &'a Archive,
    url: &'a str,
    max_bytes: u64,
    timeout_secs: u64,
    watch: &'a dyn Watch,
}

/// How an attempt ended, short of failing.
enum Step {
    Done(Fetched),
    /// Cut short after some progress: try again (from where it stopped).
    Again,
    /// The server would not resume as asked: the part is dropped, start over.
    Restart,
}

fn disk(path: &std::path::Path, e: &io::Error) -> Failure {
    Failure::Disk {
        path: path.display().to_string(),
        error: e.to_string(),
    }
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `bytes START-END/TOTAL` of a 206: (START, TOTAL when given).
fn content_range(value: &str) -> Option<(u64, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    Some((start.trim().parse().ok()?, total))
}

/// The failure a ureq error is.
pub(super) fn classify(error: ureq::Error, timeout_secs: u64) -> Failure {
    match error {
        ureq::Error::HostNotFound => Failure::HostNotFound,
        ureq::Error::Timeout(_) => Failure::Timeout(timeout_secs),
        ureq::Error::Io(e) => classify_io(&e, timeout_secs),
        ureq::Error::RequireHttpsOnly(_) => Failure::Downgraded,
        ureq::Error::Tls(e) => Failure::Tls(e.to_string()),
        ureq::Error::Rustls(e) => Failure::Tls(e.to_string()),
        ureq::Error::ConnectProxyFailed(e) => Failure::Proxy(e),
        ureq::Error::InvalidProxyUrl => Failure::Proxy("invalid proxy URL".into()),
        ureq::Error::StatusCode(code) => Failure::Status(code),
        other => Failure::Protocol(other.to_string()),
    }
}

fn classify_io(e: &io::Error, timeout_secs: u64) -> Failure {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => Failure::Refused,
        K::TimedOut | K::WouldBlock => Failure::Timeout(timeout_secs),
        K::NetworkUnreachable | K::HostUnreachable | K::NetworkDown | K::AddrNotAvailable => {
            Failure::NoNetwork
        }
        _ => Failure::Protocol(e.to_string()),
    }
}

/// True when the first bytes of a body are those of a zip archive.
fn zip_magic(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// What a body that is not a zip is: an HTML page, or something named by its type.
fn not_a_zip(head: &[u8], content_type: Option<&str>) -> Failure {
    let text = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let html = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"))
        || text.starts_with("<!doctype html")
        || text.starts_with("<html")
        || text.starts_with("<head")
        || text.starts_with("<body");
    if html {
        Failure::Html
    } else {
        Failure::NotAZip(
            content_type
                .map(|t| dossier_core::text::sanitize::terminal_line(t).into_owned())
                .unwrap_or_else(|| "no content type".into()),
        )
    }
}

impl Job<'_> {
    fn attempt(&self, state: &mut State) -> Result<Step, Failure> {
        let downloads = self.downloads;
        let archive = self.archive;
        let part_path = downloads.part(archive);
        let have = match &state.partial {
            Some(p) if p.validator().is_some() => downloads.part_len(archive),
            _ => 0,
        };
        let mut headers: Vec<(&str, String)> = Vec::new();
        // Validators are a server's: another URL's copy is downloaded again if it differs.
        let copy = state.copy.as_ref().filter(|c| c.url == self.url);
        let conditional = have == 0 && copy.is_some();
        if have > 0 {
            if let Some(validator) = state.partial.as_ref().and_then(Partial::validator) {
                headers.push(("Range", format!("bytes={have}-")));
                headers.push(("If-Range", validator.to_string()));
            }
        } else if let Some(copy) = copy {
            if let Some(etag) = &copy.etag {
                headers.push(("If-None-Match", etag.clone()));
            }
            if let Some(date) = &copy.last_modified {
                headers.push(("If-Modified-Since", date.clone()));
            }
        }
        let sent: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let started = std::time::Instant::now();
        let response = self
            .client
            .get(self.url, &sent)
            .map_err(|e| classify(e, self.timeout_secs))?;
        let status = response.status().as_u16();
        tracing::info!(url = self.url, status, range_from = have, "update request");
        let (from, total) = match status {
            304 if conditional => return Ok(Step::Done(Fetched::NotModified)),
            206 if have > 0 => match header(&response, "content-range")
                .as_deref()
                .and_then(content_range)
            {
                Some((start, total)) if start == have => (have, total),
                // Not the rest asked for: start over.
                _ => {
                    downloads
                        .drop_part(archive, state)
                        .map_err(|e| disk(&part_path, &e))?;
                    return Ok(Step::Restart);
                }
            },
            200 => {
                let partial = Partial {
                    url: self.url.to_string(),
                    etag: header(&response, "etag"),
                    last_modified: header(&response, "last-modified"),
                    length: header(&response, "content-length").and_then(|l| l.parse().ok()),
                };
                // Recorded before the body: a download cut short resumes against them.
                state.partial = partial.validator().is_some().then_some(partial);
                let total =
                    state.partial.as_ref().and_then(|p| p.length).or_else(|| {
                        header(&response, "content-length").and_then(|l| l.parse().ok())
                    });
                (0, total)
            }
            416 if have > 0 => {
                downloads
                    .drop_part(archive, state)
                    .map_err(|e| disk(&part_path, &e))?;
                return Ok(Step::Restart);
            }
            304 | 206 | 416 => {
                return Err(Failure::Protocol(format!(
                    "unexpected status {status} to a request that did not ask for it"
                )))
            }
            _ => return Err(Failure::Status(status)),
        };
        if total.is_some_and(|t| t > self.max_bytes) {
            return Err(Failure::TooBig(self.max_bytes));
        }
        let content_type = header(&response, "content-type");
        if let Some(dir) = part_path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| disk(dir, &e))?;
        }
        downloads
            .save_state(archive, state)
            .map_err(|e| disk(downloads.dir(), &e))?;
        let mut file = if from == 0 {
            File::create(&part_path)
        } else {
            OpenOptions::new().append(true).open(&part_path)
        }
        .map_err(|e| disk(&part_path, &e))?;
        self.watch.start(from, total);
        let mut body = response.into_body().into_reader();
        let copied = self.copy(&mut body, &mut file, from, content_type.as_deref());
        let done = match copied {
            Ok(done) => done,
            Err(Cut::Failed(failure)) => {
                if matches!(
                    failure,
                    Failure::Html | Failure::NotAZip(_) | Failure::TooBig(_)
                ) {
                    drop(file);
                    downloads
                        .drop_part(archive, state)
                        .map_err(|e| disk(&part_path, &e))?;
                }
                return Err(failure);
            }
            Err(Cut::Interrupted { done, error }) => {
                let _ = file.sync_all();
                return self.interrupted(state, from, done, error);
            }
        };
        if total.is_some_and(|t| done < t) {
            let _ = file.sync_all();
            return self.interrupted(state, from, done, None);
        }
        file.sync_all().map_err(|e| disk(&part_path, &e))?;
        drop(file);
        if let Err(why) = check_archive(&part_path, archive.holds) {
            downloads
                .drop_part(archive, state)
                .map_err(|e| disk(&part_path, &e))?;
            return Err(Failure::NotAnArchive(why));
        }
        let target = downloads.archive(archive);
        std::fs::rename(&part_path, &target).map_err(|e| disk(&target, &e))?;
        let partial = state.partial.take().unwrap_or_default();
        state.copy = Some(Copy {
            url: self.url.to_string(),
            etag: partial.etag,
            last_modified: partial.last_modified,
            length: done,
            fetched: chrono::Local::now().to_rfc3339(),
            imported_into: Vec::new(),
        });
        // The archive first, then its state: a crash between the two downloads it again.
        downloads
            .save_state(archive, state)
            .map_err(|e| disk(&target, &e))?;
        tracing::info!(
            url = self.url,
            bytes = done,
            resumed_from = from,
            ms = started.elapsed().as_millis() as u64,
            "archive downloaded"
        );
        Ok(Step::Done(Fetched::Downloaded {
            bytes: done,
            resumed_from: from,
        }))
    }

    /// A download cut short at `done` bytes: resumed at once when it made progress and can
    /// resume (the server gave a validator), else said; the part is kept when resumable.
    fn interrupted(
        &self,
        state: &mut State,
        from: u64,
        done: u64,
        error: Option<io::Error>,
    ) -> Result<Step, Failure> {
        let resumable = state.partial.is_some();
        tracing::warn!(url = self.url, done, resumable, error = ?error, "download cut short");
        if !resumable {
            self.downloads
                .drop_part(self.archive, state)
                .map_err(|e| disk(&self.downloads.part(self.archive), &e))?;
        }
        if resumable && done > from {
            return Ok(Step::Again);
        }
        let timed_out = error.as_ref().is_some_and(|e| {
            matches!(
                classify_io_or_ureq(e, self.timeout_secs),
                Failure::Timeout(_)
            )
        });
        if timed_out && done == from {
            return Err(Failure::Timeout(self.timeout_secs));
        }
        Err(Failure::Truncated {
            received: if resumable { done } else { 0 },
            expected: state.partial.as_ref().and_then(|p| p.length),
            resumable,
        })
    }

    /// Copies the body to the part file from byte `from`, checking the first bytes are a
    /// zip's (when writing from the start) and the size stays under the limit.
    fn copy(
        &self,
        body: &mut dyn Read,
        file: &mut File,
        from: u64,
        content_type: Option<&str>,
    ) -> Result<u64, Cut> {
        let part_path = self.downloads.part(self.archive);
        let mut done = from;
        let mut buf = vec![0u8; 64 * 1024];
        let mut head: Vec<u8> = Vec::new();
        let mut checked = from > 0;
        loop {
            let n = match body.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    if !checked {
                        // Too little came to tell what it is.
                        file.write_all(&head)
                            .map_err(|e| Cut::Failed(disk(&part_path, &e)))?;
                        done += head.len() as u64;
                    }
                    return Err(Cut::Interrupted {
                        done,
                        error: Some(error),
                    });
                }
            };
            let mut chunk = &buf[..n];
            if !checked {
                head.extend_from_slice(chunk);
                if head.len() < 4 {
                    continue;
                }
                if !zip_magic(&head) {
                    return Err(Cut::Failed(not_a_zip(&head, content_type)));
                }
                checked = true;
                chunk = &head;
            }
            if done + chunk.len() as u64 > self.max_bytes {
                return Err(Cut::Failed(Failure::TooBig(self.max_bytes)));
            }
            file.write_all(chunk)
                .map_err(|e| Cut::Failed(disk(&part_path, &e)))?;
            done += chunk.len() as u64;
            self.watch.advance(done);
            if !head.is_empty() {
                head = Vec::new();
            }
        }
        if !checked {
            return Err(Cut::Failed(if head.is_empty() {
                Failure::NotAZip("an empty body".into())
            } else {
                not_a_zip(&head, content_type)
            }));
        }
        Ok(done)
    }
}

/// How copying a body stopped short.
enum Cut {
    /// For good.
    Failed(Failure),
    /// The connection dropped (or stalled) at `done` bytes.
    Interrupted { done: u64, error: Option<io::Error> },
}

/// The failure an error reading a body is, whether ureq's own or the system's.
fn classify_io_or_ureq(e: &io::Error, timeout_secs: u64) -> Failure {
    let inner = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>());
    match inner {
        Some(ureq::Error::Timeout(_)) => Failure::Timeout(timeout_secs),
        Some(_) => Failure::Protocol(e.to_string()),
        None => classify_io(e, timeout_secs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_are_read_with_or_without_a_total() {
        assert_eq!(content_range("bytes 100-199/200"), Some((100, Some(200))));
        assert_eq!(content_range("bytes 5-9/*"), Some((5, None)));
        assert_eq!(content_range("items 0-1/2"), None);
        assert_eq!(content_range("bytes x-1/2"), None);
    }

    #[test]
    fn network_errors_become_failures_a_user_can_act_on() {
        assert_eq!(
            classify(ureq::Error::HostNotFound, 30),
            Failure::HostNotFound
        );
        let io = |k: io::ErrorKind| ureq::Error::Io(io::Error::from(k));
        assert_eq!(
            classify(io(io::ErrorKind::ConnectionRefused), 30),
            Failure::Refused
        );
        assert_eq!(
            classify(io(io::ErrorKind::NetworkUnreachable), 30),
            Failure::NoNetwork
        );
        assert_eq!(
            classify(io(io::ErrorKind::TimedOut), 30),
            Failure::Timeout(30)
        );
        assert_eq!(
            classify(ureq::Error::RequireHttpsOnly("http://x".into()), 30),
            Failure::Downgraded
        );
        let wrapped = ureq::Error::Timeout(ureq::Timeout::PerRead).into_io();
        assert_eq!(classify_io_or_ureq(&wrapped, 7), Failure::Timeout(7));
    }

    #[test]
    fn a_body_that_is_not_a_zip_is_told_html_or_by_its_type() {
        assert_eq!(not_a_zip(b"  <!DOCTYPE html><p>404", None), Failure::Html);
        assert_eq!(
            not_a_zip(b"oops", Some("text/html; charset=utf-8")),
            Failure::Html
        );
        assert_eq!(
            not_a_zip(b"{\"a\":1}", Some("application/json")),
            Failure::NotAZip("application/json".into())
        );
        assert!(zip_magic(b"PK\x03\x04rest"));
    }
}

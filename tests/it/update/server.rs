//! A real HTTP/1.1 server on 127.0.0.1 for `dossier update`'s tests, in a thread of the
//! test: files served with `ETag` and `Last-Modified`, `304` to a request that has the
//! version already, `206` to a `Range` (with `If-Range`), and misbehaviour on demand: a
//! status, an HTML page, a body cut short, a body that stalls. Every request is logged.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How a file is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// As a good server does.
    Normal,
    /// This status and a short text body.
    Status(u16),
    /// A `200` HTML page (a portal's error page).
    Html,
    /// The whole length announced, the connection closed once the body reaches this byte
    /// (of the file: a resumed request past it gets nothing more).
    CutAt(usize),
    /// As `CutAt` for the first request only, then normal (a dropped connection).
    CutOnce(usize),
    /// The body sent up to this byte of the file, then nothing (until the server stops).
    StallAt(usize),
    /// No ranges: a `Range` is ignored and the whole file sent with a 200.
    NoRanges,
}

/// A file of the server.
#[derive(Debug, Clone)]
pub struct File {
    pub body: Vec<u8>,
    pub etag: String,
    pub last_modified: String,
    pub behaviour: Behaviour,
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    /// The status answered.
    pub status: u16,
}

#[derive(Default)]
struct Shared {
    files: HashMap<String, File>,
    log: Vec<Request>,
    cut_once_done: HashMap<String, bool>,
}

/// The server; stopped when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// The `Last-Modified` date of version `n` of a file: the `n`th of November 2026.
pub fn http_date(n: u32) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, n).expect("a day of November");
    day.format("%a, %d %b %Y 05:30:00 GMT").to_string()
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = Arc::clone(&shared);
                    let stop = Arc::clone(&stop);
                    std::thread::spawn(move || serve(stream, &shared, &stop));
                }
            })
        };
        Server {
            addr,
            shared,
            stop,
            thread: Some(thread),
        }
    }

    /// The repository URL (`http://127.0.0.1:PORT/repository`).
    pub fn url(&self) -> String {
        format!("http://{}/repository", self.addr)
    }

    /// Serves `body` at `path` (under the repository) as version `version`.
    pub fn put(&self, path: &str, body: Vec<u8>, version: u32) {
        self.put_with(path, body, version, Behaviour::Normal);
    }

    /// Serves `body` at `path`, as version `version`, behaving as said.
    pub fn put_with(&self, path: &str, body: Vec<u8>, version: u32, behaviour: Behaviour) {
        let mut shared = self.shared.lock().unwrap();
        shared.cut_once_done.remove(path);
        shared.files.insert(
            format!("/repository/{path}"),
            File {
                body,
                etag: format!("\"v{version}\""),
                last_modified: http_date(version),
                behaviour,
            },
        );
    }

    /// Changes how a file is served (its version stays).
    pub fn behave(&self, path: &str, behaviour: Behaviour) {
        let mut shared = self.shared.lock().unwrap();
        shared.cut_once_done.remove(path);
        if let Some(f) = shared.files.get_mut(&format!("/repository/{path}")) {
            f.behaviour = behaviour;
        }
    }

    /// The requests so far, and forgets them.
    pub fn take_log(&self) -> Vec<Request> {
        std::mem::take(&mut self.shared.lock().unwrap().log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads a request's head: the path and the headers.
fn read_head(stream: &TcpStream) -> Option<(String, HashMap<String, String>)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    Some((path, headers))
}

fn serve(mut stream: TcpStream, shared: &Mutex<Shared>, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((path, headers)) = read_head(&stream) else {
        return;
    };
    let (file, first_cut) = {
        let mut s = shared.lock().unwrap();
        let file = s.files.get(&path).cloned();
        let first = !s.cut_once_done.get(&path).copied().unwrap_or(false);
        if matches!(
            file.as_ref().map(|f| f.behaviour),
            Some(Behaviour::CutOnce(_))
        ) {
            s.cut_once_done.insert(path.clone(), true);
        }
        (file, first)
    };
    let respond = |status: u16, extra: &[(String, String)], body: &[u8]| -> Vec<u8> {
        let reason = match status {
            200 => "OK",
            206 => "Partial Content",
            304 => "Not Modified",
            404 => "Not Found",
            416 => "Range Not Satisfiable",
            500 => "Internal Server Error",
            _ => "Status",
        };
        let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        out
    };
    let log = |status: u16| {
        shared.lock().unwrap().log.push(Request {
            path: path.clone(),
            headers: headers.clone(),
            status,
        });
    };
    let Some(file) = file else {
        log(404);
        let body = b"no such file";
        let _ = stream.write_all(&respond(
            404,
            &[("Content-Length".into(), body.len().to_string())],
            body,
        ));
        return;
    };
    match file.behaviour {
        Behaviour::Status(code) => {
            log(code);
            let body = format!("error {code}");
            let _ = stream.write_all(&respond(
                code,
                &[
                    ("Content-Type".into(), "text/plain".into()),
                    ("Content-Length".into(), body.len().to_string()),
                ],
                body.as_bytes(),
            ));
            return;
        }
        Behaviour::Html => {
            log(200);
            let body = b"<!DOCTYPE html>\n<html><head><title>Service indisponible</title></head><body><p>Le service est momentanement indisponible.</p></body></html>\n";
            let _ = stream.write_all(&respond(
                200,
                &[
                    ("Content-Type".into(), "text/html; charset=utf-8".into()),
                    ("Content-Length".into(), body.len().to_string()),
                ],
                body,
            ));
            return;
        }
        _ => {}
    }
    let validators = vec![
        ("ETag".to_string(), file.etag.clone()),
        ("Last-Modified".to_string(), file.last_modified.clone()),
    ];
    // A conditional request for the version served: 304.
    let fresh = match (
        headers.get("if-none-match"),
        headers.get("if-modified-since"),
    ) {
        (Some(tags), _) => tags.split(',').any(|t| t.trim() == file.etag),
        (None, Some(date)) => *date == file.last_modified,
        (None, None) => false,
    };
    if fresh {
        log(304);
        let _ = stream.write_all(&respond(304, &validators, b""));
        return;
    }
    let len = file.body.len();
    let mut start = 0;
    let ranges = file.behaviour != Behaviour::NoRanges;
    if let (true, Some(range)) = (ranges, headers.get("range")) {
        let same = headers
            .get("if-range")
            .is_none_or(|v| *v == file.etag || *v == file.last_modified);
        let from = range
            .strip_prefix("bytes=")
            .and_then(|r| r.strip_suffix('-'))
            .and_then(|n| n.parse::<usize>().ok());
        if let (true, Some(from)) = (same, from) {
            if from >= len {
                log(416);
                let _ = stream.write_all(&respond(
                    416,
                    &[("Content-Range".into(), format!("bytes */{len}"))],
                    b"",
                ));
                return;
            }
            start = from;
        }
    }
    let status = if start > 0 { 206 } else { 200 };
    log(status);
    let mut extra = validators;
    extra.push(("Content-Type".into(), "application/zip".into()));
    extra.push(("Content-Length".into(), (len - start).to_string()));
    if ranges {
        extra.push(("Accept-Ranges".into(), "bytes".into()));
    }
    if start > 0 {
        extra.push((
            "Content-Range".into(),
            format!("bytes {start}-{}/{len}", len - 1),
        ));
    }
    let end = match file.behaviour {
        Behaviour::CutAt(at) | Behaviour::StallAt(at) => at.clamp(start, len),
        Behaviour::CutOnce(at) if first_cut => at.clamp(start, len),
        _ => len,
    };
    let _ = stream.write_all(&respond(status, &extra, &file.body[start..end]));
    let _ = stream.flush();
    if let Behaviour::StallAt(_) = file.behaviour {
        // Holds the connection open, sending nothing, until the server stops (or 20 s).
        let since = Instant::now();
        while !stop.load(Ordering::SeqCst) && since.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

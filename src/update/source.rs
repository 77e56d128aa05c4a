//! The repository the archives are downloaded from: its URL checked once. HTTPS, or plain
//! HTTP only on this machine (a test server, a local mirror) unless the user insists.

use std::net::IpAddr;

/// A repository URL accepted for downloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    base: String,
    host: String,
    loopback: bool,
    https: bool,
}

/// Why a repository URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// Not an http(s) URL with a host.
    #[error("{0} is not an https:// URL")]
    NotAUrl(String),
    /// Plain HTTP to another machine, without `--insecure-http`.
    #[error("{0}: plain http:// is only accepted for this machine (a loopback address) or with --insecure-http")]
    Insecure(String),
}

impl Source {
    /// Checks `url`: https://, or http:// to a loopback address (`127.0.0.0/8`, `[::1]`,
    /// `localhost`), or http:// anywhere when `insecure_http`.
    pub fn parse(url: &str, insecure_http: bool) -> Result<Source, SourceError> {
        let url = url.trim();
        let bad = || SourceError::NotAUrl(url.to_string());
        let (https, rest) = if let Some(rest) = strip_prefix_ci(url, "https://") {
            (true, rest)
        } else if let Some(rest) = strip_prefix_ci(url, "http://") {
            (false, rest)
        } else {
            return Err(bad());
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.is_empty() || authority.contains('@') || url.chars().any(char::is_whitespace) {
            return Err(bad());
        }
        let host = host_of(authority).ok_or_else(bad)?;
        if url.parse::<ureq::http::Uri>().is_err() {
            return Err(bad());
        }
        let loopback = is_loopback(&host);
        if !https && !loopback && !insecure_http {
            return Err(SourceError::Insecure(url.to_string()));
        }
        Ok(Source {
            base: url.trim_end_matches('/').to_string(),
            host,
            loopback,
            https,
        })
    }

    /// The URL of a path under the repository.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }

    /// The repository's URL, as given (without a trailing slash).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// True when it is on this machine: no proxy can reach it.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// True for https://.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// Its host name or address.
    pub fn host(&self) -> &str {
        &self.host
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The host of `host[:port]` or `[v6]:port`.
fn host_of(authority: &str) -> Option<String> {
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// True for the loopback addresses and `localhost`.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_plain_http_only_on_this_machine() {
        let an = Source::parse(
            "https://data.assemblee-nationale.fr/static/openData/repository/",
            false,
        )
        .unwrap();
        assert!(an.is_https() && !an.is_loopback());
        assert_eq!(
            an.url("17/a.zip"),
            "https://data.assemblee-nationale.fr/static/openData/repository/17/a.zip"
        );
        for local in [
            "http://127.0.0.1:8080",
            "http://127.4.5.6/x",
            "http://[::1]:9/",
            "http://localhost:1234/repo",
            "HTTP://LOCALHOST",
        ] {
            let s = Source::parse(local, false).unwrap_or_else(|e| panic!("{local}: {e}"));
            assert!(s.is_loopback(), "{local}");
        }
        assert_eq!(
            Source::parse("http://mirror.example.org/r", false),
            Err(SourceError::Insecure("http://mirror.example.org/r".into()))
        );
        assert!(Source::parse("http://mirror.example.org/r", true).is_ok());
        assert!(Source::parse("http://10.0.0.1/", false).is_err());
        for bad in [
            "ftp://x/",
            "data.assemblee-nationale.fr",
            "https://",
            "https:///path",
            "https://user:pw@host/",
            "https://ho st/",
            "",
        ] {
            assert!(
                matches!(Source::parse(bad, true), Err(SourceError::NotAUrl(_))),
                "{bad}"
            );
        }
    }
}

//! The HTTP client: ureq over rustls, the usual proxy variables (`HTTPS_PROXY`, `ALL_PROXY`,
//! `NO_PROXY`…) except for a repository on this machine, timeouts on every step, and the
//! status codes handed back as they are (the caller tells a 304 from a 404).

use super::Source;
use std::time::Duration;

/// An HTTP client set up for one repository.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
}

/// A response whose body is still to be read.
pub type Response = ureq::http::Response<ureq::Body>;

impl Client {
    /// A client for `source`: `timeout` bounds the name lookup, the connection, the wait for
    /// the response's headers and each read of its body (a stalled download fails after it).
    pub fn new(source: &Source, timeout: Duration) -> Client {
        // A proxy cannot reach this machine's loopback: a local repository is asked directly.
        let proxy = if source.is_loopback() {
            None
        } else {
            ureq::Proxy::try_from_env()
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // An https repository is never left for plain http through a redirect.
            .https_only(source.is_https())
            .proxy(proxy)
            .max_redirects(5)
            .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_send_request(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_per_read(Some(timeout))
            .build();
        Client {
            agent: config.into(),
        }
    }

    /// Sends `GET url` with `headers`.
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Response, ureq::Error> {
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.call()
    }
}

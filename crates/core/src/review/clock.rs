//! Who writes review state, and the clock that stamps each change.
//!
//! A *writer* is a person on a machine: `alice@laptop` by default (user and host), or what
//! the configuration says. Each writer has a stable id, which names their file in a team
//! folder. A *replica* is one process of a writer: the first window of a writer is the
//! writer itself, a second window open at the same time is `alice@laptop+1`, and so on. A
//! replica holds its slot through an operating-system lock for as long as it runs, so each
//! replica makes its changes one after another, which the note merge relies on.

use std::time::{SystemTime, UNIX_EPOCH};

/// The writer id of this user on this machine: `user@host`, made safe as a file name.
pub fn default_writer() -> String {
    let user = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "user".to_string());
    let host = hostname().unwrap_or_else(|| "host".to_string());
    clean_writer(&format!("{user}@{host}"))
}

/// The machine's name, from the system.
fn hostname() -> Option<String> {
    for file in ["/etc/hostname", "/proc/sys/kernel/hostname"] {
        if let Ok(name) = std::fs::read_to_string(file) {
            let name = name.trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
    }
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// A writer id made of letters, digits and `.`, `_`, `-`, `@` only (it names a file, and
/// `+` separates the slot of a replica), at most 64 characters.
pub fn clean_writer(raw: &str) -> String {
    let cleaned: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    let cleaned = cleaned.trim_matches(['-', '.']).to_string();
    if cleaned.is_empty() {
        "user".to_string()
    } else {
        cleaned
    }
}

/// The replica id of a writer's slot: the writer for slot 0, `writer+N` after.
pub fn replica_id(writer: &str, slot: u32) -> String {
    if slot == 0 {
        writer.to_string()
    } else {
        format!("{writer}+{slot}")
    }
}

/// The writer of a replica id: `alice@laptop+1` -> `alice@laptop`.
pub fn writer_of(replica: &str) -> &str {
    replica.split('+').next().unwrap_or(replica)
}

/// A hybrid logical clock: wall-clock milliseconds, but always past every stamp seen, so a
/// change made after seeing another is stamped later even when the machines' clocks differ.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    last: u64,
}

impl Clock {
    /// A clock that has seen stamps up to `latest`.
    pub fn after(latest: u64) -> Clock {
        Clock { last: latest }
    }

    /// Records stamps seen (from a merge).
    pub fn observe(&mut self, t: u64) {
        self.last = self.last.max(t);
    }

    /// The stamp of a new change.
    pub fn tick(&mut self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        self.last = now.max(self.last + 1);
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_ids_are_file_names() {
        assert_eq!(clean_writer("alice@laptop"), "alice@laptop");
        assert_eq!(clean_writer("../../etc/passwd"), "etc-passwd");
        assert_eq!(clean_writer("a b+c/d"), "a-b-c-d");
        assert_eq!(clean_writer(""), "user");
        assert_eq!(writer_of(&replica_id("alice@pc", 2)), "alice@pc");
        assert_eq!(replica_id("alice@pc", 0), "alice@pc");
    }

    #[test]
    fn the_clock_only_moves_forward() {
        let mut clock = Clock::after(u64::MAX / 2);
        let a = clock.tick();
        let b = clock.tick();
        assert!(b > a && a > u64::MAX / 2);
    }
}

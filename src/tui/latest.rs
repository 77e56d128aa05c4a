//! Latest-wins jobs (as gitui's asyncgit runs them): a lane is a thread that runs the jobs
//! given to it one at a time, always the newest waiting, and tells the one running to stop
//! as soon as a newer one comes. The filter has a lane (a keystroke replaces the search of
//! the one before), so do the load and the word index of the dossier shown (a reload or a
//! switch replaces them).
//!
//! The state side of the same idea is [`Generation`]: each request is numbered, and a
//! result is taken only when it answers the newest.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;

/// A thread running the newest of the jobs given to it.
pub struct Lane<J: Send + 'static> {
    jobs: Sender<J>,
    cancel: Arc<AtomicBool>,
}

impl<J: Send + 'static> Lane<J> {
    /// Starts the thread; `work` runs each job with the flag that says a newer one came.
    /// The thread ends when the lane is dropped.
    pub fn spawn(mut work: impl FnMut(J, &AtomicBool) + Send + 'static) -> Lane<J> {
        let (jobs, rx) = mpsc::channel::<J>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                // Skip the jobs that newer ones already replaced.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                flag.store(false, Ordering::SeqCst);
                work(job, &flag);
            }
        });
        Lane { jobs, cancel }
    }

    /// Queues a job, telling the one running to stop.
    pub fn submit(&self, job: J) {
        self.cancel.store(true, Ordering::SeqCst);
        let _ = self.jobs.send(job);
    }
}

/// The number of the newest request of a kind; results of older ones are dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generation(u64);

impl Generation {
    /// A new request: its number, newer than every one before.
    pub fn ask(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }

    /// The newest request's number.
    pub fn current(self) -> u64 {
        self.0
    }

    /// True when a result of request `n` answers the newest.
    pub fn is_current(self, n: u64) -> bool {
        self.0 == n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::Duration;

    #[test]
    fn a_newer_job_stops_the_running_one_and_replaces_those_waiting() {
        let done = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&done);
        let lane = Lane::spawn(move |n: u32, cancel: &AtomicBool| {
            if n == 0 {
                // Runs until told to stop.
                while !cancel.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(1));
                }
                seen.lock().unwrap().push((n, "stopped"));
                std::thread::sleep(Duration::from_millis(20));
                return;
            }
            seen.lock().unwrap().push((n, "ran"));
        });
        lane.submit(0);
        std::thread::sleep(Duration::from_millis(10));
        for n in 1..=3 {
            lane.submit(n);
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while done.lock().unwrap().len() < 2 {
            assert!(std::time::Instant::now() < deadline);
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(*done.lock().unwrap(), [(0, "stopped"), (3, "ran")]);
        let mut g = Generation::default();
        let first = g.ask();
        let second = g.ask();
        assert!(!g.is_current(first) && g.is_current(second));
    }
}

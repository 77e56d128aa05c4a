//! A background thread for the store's saves and reads, so that no key press waits for a
//! disk, a lock held by another process, or a slow network share.

use super::fs::Fs;
use super::store::{execute_read, execute_save, ReadJob, ReadResult, ReviewError, SaveJob, Saved};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Work for the writer.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one job at a time: boxing would only add an allocation"
)]
pub enum Job {
    /// Save the state.
    Save(SaveJob),
    /// Read the files again.
    Read(ReadJob),
}

/// Work done, handed to the `deliver` callback.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one result at a time: boxing would only add an allocation"
)]
pub enum Done {
    /// A save finished.
    Saved(Result<Saved, ReviewError>),
    /// A read finished.
    Read(ReadResult),
}

/// The writer thread. Jobs run one at a time, in order; of several saves waiting, only the
/// newest runs (the store hands each save the changes of those not answered yet, so the
/// newest holds the older ones' changes).
pub struct Writer {
    jobs: Option<Sender<Job>>,
    handle: Option<JoinHandle<()>>,
    in_flight: Arc<AtomicUsize>,
}

impl Writer {
    /// Starts the thread; `deliver` gets each result (the viewer turns it into an action).
    pub fn spawn(
        fs: Arc<dyn Fs>,
        writer_id: String,
        deliver: impl Fn(Done) + Send + 'static,
    ) -> Writer {
        let (jobs, rx) = mpsc::channel::<Job>();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&in_flight);
        let handle = std::thread::Builder::new()
            .name("review-writer".into())
            .spawn(move || run(rx, fs.as_ref(), &writer_id, &counter, &deliver))
            .ok();
        Writer {
            jobs: handle.as_ref().map(|_| jobs),
            handle,
            in_flight,
        }
    }

    /// Queues a job. Returns false when the thread is gone (the job did not run).
    pub fn submit(&self, job: Job) -> bool {
        let Some(jobs) = &self.jobs else {
            return false;
        };
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        if jobs.send(job).is_err() {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return false;
        }
        true
    }

    /// Jobs queued or running.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its queue is done.
        self.jobs = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn run(
    rx: Receiver<Job>,
    fs: &dyn Fs,
    writer_id: &str,
    in_flight: &AtomicUsize,
    deliver: &dyn Fn(Done),
) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let count = batch.len();
        let mut save = None;
        let mut read = None;
        for job in batch {
            match job {
                Job::Save(s) => save = Some(s),
                Job::Read(r) => read = Some(r),
            }
        }
        if let Some(job) = save {
            deliver(Done::Saved(execute_save(fs, &job)));
        }
        if let Some(job) = read {
            deliver(Done::Read(execute_read(fs, &job, writer_id)));
        }
        in_flight.fetch_sub(count, Ordering::SeqCst);
    }
}

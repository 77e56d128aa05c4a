//! A progress bar per archive on stderr, drawn only when stderr is a terminal (indicatif
//! hides it otherwise: a cron job or a pipe gets the quiet lines alone).

use super::words;
use crate::update::{Archive, Watch};
use dossier_core::i18n::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::fmt::Write;

/// The bar of one archive's download.
pub struct Bar {
    bar: ProgressBar,
    lang: Lang,
}

impl Bar {
    /// A bar for `archive`, not drawn until its download starts.
    pub fn new(lang: Lang, archive: &Archive) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_prefix(words::short(lang, archive));
        Bar { bar, lang }
    }

    /// Clears the bar (the line that says how it went follows on stdout).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Watch for Bar {
    fn start(&self, from: u64, total: Option<u64>) {
        let template = words::bar_template(self.lang, total.is_some());
        if let Ok(style) = ProgressStyle::with_template(template) {
            let lang = self.lang;
            let style = style
                .with_key("done", move |s: &ProgressState, w: &mut dyn Write| {
                    let _ = w.write_str(&words::size(lang, s.pos()));
                })
                .with_key("total", move |s: &ProgressState, w: &mut dyn Write| {
                    let _ = w.write_str(&words::size(lang, s.len().unwrap_or(0)));
                })
                .with_key("rate", move |s: &ProgressState, w: &mut dyn Write| {
                    let _ = w.write_str(&words::rate(lang, s.per_sec()));
                })
                .with_key("left", |s: &ProgressState, w: &mut dyn Write| {
                    let _ = w.write_str(&words::left(s.eta().as_secs()));
                });
            self.bar.set_style(style.progress_chars("=> "));
        }
        match total {
            Some(t) => self.bar.set_length(t),
            None => self.bar.unset_length(),
        }
        self.bar.set_position(from);
        // The rate and the time left are those of this download, not of the bytes resumed.
        self.bar.reset_eta();
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self, done: u64) {
        self.bar.set_position(done);
    }
}

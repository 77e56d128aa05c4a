//! A small window asking for a line of text, and a picker: the same window with a list of
//! choices under the line, narrowed by what is typed (fuzzy, accents and case aside, as a
//! command palette does).

use super::line_input::LineInput;
use super::theme::Theme;
use super::wrap::{span, truncate, width};
use dossier_core::text::sanitize::terminal_line;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// Most choices a picker shows at once.
pub const ROWS: usize = 10;

/// One entry of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    /// What the entry is called.
    pub label: String,
    /// What it holds, shown dimmed beside it.
    pub detail: String,
    /// What choosing it gives.
    pub value: T,
}

/// Choices narrowed by what is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker<T> {
    /// What is typed.
    pub input: LineInput,
    /// The choices (`None` while they are being read).
    pub choices: Option<Vec<Choice<T>>>,
    /// The choices that match what is typed, best first (indices into `choices`).
    pub shown: Vec<usize>,
    /// Selected position in `shown`.
    pub selected: usize,
}

impl<T> Picker<T> {
    /// A picker whose choices are still being read.
    pub fn waiting() -> Picker<T> {
        Picker {
            input: LineInput::default(),
            choices: None,
            shown: Vec::new(),
            selected: 0,
        }
    }

    /// A picker over these choices.
    pub fn over(choices: Vec<Choice<T>>) -> Picker<T> {
        let mut p = Picker::waiting();
        p.set_choices(choices);
        p
    }

    /// The choices arrived: ranked against what is typed meanwhile.
    pub fn set_choices(&mut self, choices: Vec<Choice<T>>) {
        self.choices = Some(choices);
        self.refilter();
    }

    /// The selected choice.
    pub fn chosen(&self) -> Option<&Choice<T>> {
        let i = *self.shown.get(self.selected)?;
        self.choices.as_ref()?.get(i)
    }

    /// Selects the first choice shown whose value satisfies `is`.
    pub fn select_where(&mut self, is: impl Fn(&T) -> bool) {
        let Some(choices) = &self.choices else {
            return;
        };
        if let Some(p) = self
            .shown
            .iter()
            .position(|&i| choices.get(i).is_some_and(|c| is(&c.value)))
        {
            self.selected = p;
        }
    }

    /// The next choice (down), or the previous.
    pub fn step(&mut self, down: bool) {
        self.selected = if down {
            (self.selected + 1).min(self.shown.len().saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
    }

    /// What is typed changed: the best match is selected.
    pub fn typed(&mut self) {
        self.selected = 0;
        self.refilter();
    }

    /// Ranks the choices against what is typed: all, in their order, when nothing is; else
    /// those that match, best first.
    fn refilter(&mut self) {
        use fuzzy_matcher::skim::SkimMatcherV2;
        use fuzzy_matcher::FuzzyMatcher;
        let Some(choices) = &self.choices else {
            self.shown.clear();
            return;
        };
        let fold = dossier_core::text::fold::fold;
        // Accents and case aside, as the filter does: "mem" finds "mémo".
        let typed = fold(self.input.text().trim());
        self.shown = if typed.is_empty() {
            (0..choices.len()).collect()
        } else {
            let matcher = SkimMatcherV2::default().ignore_case();
            let mut scored: Vec<(i64, usize)> = choices
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let label = matcher.fuzzy_match(&fold(&c.label), &typed);
                    let detail = matcher.fuzzy_match(&fold(&c.detail), &typed).map(|s| s / 2);
                    label.max(detail).map(|s| (s, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().map(|(_, i)| i).collect()
        };
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }
}

/// What a prompt window shows below its line of text.
pub enum Below<'a, T> {
    /// Nothing: a text prompt.
    Nothing,
    /// A picker's choices, with what to say while they are read or when none matches, and
    /// which choice stands for what is open now (marked with `current`).
    Choices {
        /// The picker.
        picker: &'a Picker<T>,
        /// While the choices are read.
        reading: &'a str,
        /// When none is shown.
        none: &'a str,
        /// The mark of the current choice (" · ouvert").
        current: &'a str,
        /// True for the choice that stands for what is open.
        is_current: &'a dyn Fn(&T) -> bool,
    },
}

/// A prompt window: its title, its keys, the line typed, what is below, an error.
pub struct Window<'a, T> {
    /// The title.
    pub title: &'a str,
    /// The keys, in the bottom border.
    pub keys: &'a str,
    /// The line typed.
    pub input: &'a LineInput,
    /// Below the line.
    pub below: Below<'a, T>,
    /// Why the text is refused or the choices could not be read.
    pub error: Option<String>,
}

/// Draws a prompt window centred in `area`.
pub fn draw<T>(frame: &mut Frame, area: Rect, window: &Window<'_, T>, theme: &Theme) {
    let rows = match &window.below {
        Below::Nothing => 0,
        Below::Choices { picker, .. } => match &picker.choices {
            Some(_) => picker.shown.len().clamp(1, ROWS),
            None => 1,
        },
    };
    let height = (3 + rows + usize::from(rows > 0) + usize::from(window.error.is_some())) as u16;
    let rect = super::centered(area, area.width.saturating_sub(4).min(76), height);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    super::clear(frame, rect);
    let room = rect.width.saturating_sub(4) as usize;
    let block = Block::bordered()
        .title(span(
            &format!(" {} ", truncate(window.title, room)),
            theme.heading(),
        ))
        .title_bottom(Line::from(format!(" {} ", truncate(window.keys, room))).style(theme.dim()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cols = inner.width as usize;
    let (text, column) = window.input.window(cols.saturating_sub(3));
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.heading()),
        Span::raw(text),
    ])];
    if let Below::Choices {
        picker,
        reading,
        none,
        current,
        is_current,
    } = &window.below
    {
        lines.push(Line::from(Span::styled("─".repeat(cols), theme.dim())));
        match &picker.choices {
            None => lines.push(Line::from(Span::styled(reading.to_string(), theme.dim()))),
            Some(_) if picker.shown.is_empty() => {
                lines.push(Line::from(Span::styled(none.to_string(), theme.dim())))
            }
            Some(choices) => {
                let top = picker.selected.saturating_sub(ROWS - 1);
                for (pos, &i) in picker.shown.iter().enumerate().skip(top).take(ROWS) {
                    let Some(choice) = choices.get(i) else {
                        continue;
                    };
                    let mark = is_current(&choice.value).then_some(*current);
                    lines.push(choice_line(
                        choice,
                        mark,
                        pos == picker.selected,
                        cols,
                        theme,
                    ));
                }
            }
        }
    }
    if let Some(error) = &window.error {
        lines.push(Line::from(span(
            &format!("✗ {}", truncate(error, cols.saturating_sub(2))),
            theme.error(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + (2 + column as u16).min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
}

/// One choice: its label, the mark of the current one, its detail dimmed.
fn choice_line<T>(
    choice: &Choice<T>,
    current: Option<&str>,
    selected: bool,
    cols: usize,
    theme: &Theme,
) -> Line<'static> {
    let marker = if selected { "▸ " } else { "  " };
    let label = terminal_line(&choice.label).into_owned();
    let label = truncate(&label, cols.saturating_sub(2 + 2));
    let mut used = 2 + width(&label);
    let base = if selected {
        theme.selected()
    } else {
        Default::default()
    };
    let mut spans = vec![Span::styled(marker, base), Span::styled(label, base)];
    if let Some(current) = current {
        let mark = format!(" · {current}");
        used += width(&mark);
        spans.push(Span::styled(mark, theme.dim()));
    }
    let room = cols.saturating_sub(used + 3);
    if !choice.detail.is_empty() && room > 4 {
        let detail = terminal_line(&choice.detail).into_owned();
        spans.push(Span::styled(
            format!("   {}", truncate(&detail, room)),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

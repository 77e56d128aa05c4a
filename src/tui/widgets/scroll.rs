//! The one scroll model: how far a step moves in a pane of a given page height, and where
//! it stops. The list moves its selection by it, the panes and the overlays their first
//! line drawn.

/// A move asked for by a key or the wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Lines (negative: up).
    Line(isize),
    /// Pages.
    Page(isize),
    /// Half pages.
    Half(isize),
    /// To the start.
    Top,
    /// To the end.
    Bottom,
}

/// The end, whatever the length the content is laid out to when drawn (a window resized
/// after `G` still shows its end): every reader clamps a position to its own end.
pub const END: usize = usize::MAX;

impl Step {
    /// The position `current` moves to in content whose last position is `last`, shown
    /// `page` lines at a time. A page keeps one line of the previous one in view.
    pub fn from(self, current: usize, page: usize, last: usize) -> usize {
        let current = current.min(last) as isize;
        let page = page as isize;
        let target = match self {
            Step::Line(d) => current + d,
            Step::Page(d) => current + d * page.saturating_sub(1).max(1),
            Step::Half(d) => current + d * (page / 2).max(1),
            Step::Top => 0,
            Step::Bottom => return last,
        };
        target.clamp(0, last as isize) as usize
    }

    /// As [`Step::from`], `Bottom` giving [`END`]: for content laid out again at another
    /// width before it is drawn (an overlay).
    pub fn to_end(self, current: usize, page: usize, last: usize) -> usize {
        match self {
            Step::Bottom => END,
            step => step.from(current, page, last),
        }
    }

    /// How far the list's selection moves for this step: a whole page, where the panes keep
    /// a line of the previous page.
    pub fn rows(self, page: usize, len: usize) -> isize {
        let page = page as isize;
        match self {
            Step::Line(d) => d,
            Step::Page(d) => d * page,
            Step::Half(d) => d * (page / 2).max(1),
            Step::Top => -(len as isize),
            Step::Bottom => len as isize,
        }
    }
}

/// The first row to draw so that `selected` stays in view, from the previous first row,
/// for a window of `rows` rows over `len` rows.
pub fn follow(offset: usize, selected: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    };
    offset.min(len.saturating_sub(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_both_ends_and_end_is_read_as_the_last_line() {
        assert_eq!(Step::Line(1).from(0, 10, 5), 1);
        assert_eq!(Step::Page(1).from(0, 10, 50), 9);
        assert_eq!(Step::Half(-1).from(3, 10, 50), 0);
        assert_eq!(Step::Bottom.from(0, 10, 50), 50);
        assert_eq!(Step::Line(-1).from(END, 10, 50), 49);
        assert_eq!(Step::Bottom.to_end(0, 10, 50), END);
        assert_eq!(follow(0, 12, 10, 40), 3);
        assert_eq!(follow(5, 2, 10, 40), 2);
    }
}

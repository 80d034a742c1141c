//! A list of (range, replacement) edits applied once to the user's text, and the map from the
//! rewritten text back to the original for diagnostics.
//!
//! Line structure is preserved: a replacement that removes newlines gets them back at its end,
//! so line N of the output is line N of the input and only columns move.
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
    /// Among insertions at one offset: closers (0) go before plain text (1), openers (2) after,
    /// so a wrapped argument closes before text appended after it and opens after text put
    /// before it.
    pub order: u8,
    /// For openers: the end of what they wrap, so that at one offset the outer wrap opens first.
    pub wraps_to: usize,
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit { range, text: text.into(), order: 1, wraps_to: 0 }
    }
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { range: at..at, text: text.into(), order: 1, wraps_to: 0 }
    }
    /// `open` before `range` and `close` after it.
    pub fn wrap(range: Range<usize>, open: impl Into<String>, close: impl Into<String>) -> [Edit; 2] {
        [
            Edit { range: range.start..range.start, text: open.into(), order: 2, wraps_to: range.end },
            Edit { range: range.end..range.end, text: close.into(), order: 0, wraps_to: 0 },
        ]
    }
}

/// Output offset ↔ input offset, piecewise: each segment is text copied unchanged.
#[derive(Debug, Clone, Default)]
pub struct LocationMap {
    /// (output start, input start, length) of each unchanged run, in order.
    runs: Vec<(usize, usize, usize)>,
    /// (output range, input offset) of each replacement.
    replaced: Vec<(Range<usize>, usize)>,
}

impl LocationMap {
    /// The end of the input text (where its last copied run ends).
    pub fn input_end(&self) -> usize {
        self.runs.last().map_or(0, |(_, i, len)| i + len)
    }

    /// The input offset an output offset came from; inside a replacement, the replaced range's
    /// start (the construct the user wrote). Text added after the input's end (the generated
    /// footer) maps to the input's end.
    pub fn to_input(&self, out: usize) -> usize {
        for (r, input) in &self.replaced {
            if r.contains(&out) {
                return *input;
            }
        }
        match self.runs.iter().rev().find(|(o, _, _)| *o <= out) {
            Some((o, i, len)) => i + (out - o).min(*len),
            None => out,
        }
    }
}

/// Two edits that cannot both apply (same bytes, different replacements).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub a: Edit,
    pub b: Edit,
}

/// Applies `edits` to `text`. Identical edits are applied once (a method call inside a macro body
/// is reported once per expansion); insertions at one offset keep their given order.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> Result<(String, LocationMap), Conflict> {
    let mut seen = std::collections::HashSet::new();
    // Wraps (order ≠ 1) nest and repeat legitimately; their callers dedupe whole wraps.
    edits.retain(|e| e.order != 1 || seen.insert((e.range.clone(), e.text.clone())));
    edits.sort_by_key(|e| (e.range.start, e.range.end > e.range.start, e.order, std::cmp::Reverse(e.wraps_to)));
    for w in edits.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.range.end > b.range.start || (a.range == b.range && !a.range.is_empty()) {
            return Err(Conflict { a: a.clone(), b: b.clone() });
        }
    }
    let mut out = String::with_capacity(text.len() + 256);
    let mut map = LocationMap::default();
    let mut pos = 0;
    for e in edits {
        if e.range.start > pos {
            map.runs.push((out.len(), pos, e.range.start - pos));
            out.push_str(&text[pos..e.range.start]);
        }
        let start = out.len();
        out.push_str(&e.text);
        let lost = text[e.range.clone()].matches('\n').count().saturating_sub(e.text.matches('\n').count());
        for _ in 0..lost {
            out.push('\n');
        }
        map.replaced.push((start..out.len().max(start + 1), e.range.start));
        pos = e.range.end;
    }
    map.runs.push((out.len(), pos, text.len() - pos));
    out.push_str(&text[pos..]);
    Ok((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_past_the_end_map_to_the_inputs_end() {
        let t = "a.lookup(&k);\nx";
        let (o, m) = apply(t, vec![Edit::replace(0..9, "bpf_map_lookup_elem(&a, ")]).unwrap();
        assert_eq!(m.to_input(o.len() + 300), t.len());
        let (o, m) = apply(t, vec![]).unwrap();
        assert_eq!(m.to_input(o.len() + 5), t.len());
    }

    #[test]
    fn applies_and_maps_back() {
        let t = "a.lookup(&k);\nx";
        let (o, m) = apply(t, vec![Edit::replace(0..9, "bpf_map_lookup_elem(&a, ")]).unwrap();
        assert_eq!(o, "bpf_map_lookup_elem(&a, &k);\nx");
        assert_eq!(m.to_input(o.find("&k").unwrap()), t.find("&k").unwrap());
        assert_eq!(m.to_input(o.find('x').unwrap()), t.find('x').unwrap());
        assert_eq!(m.to_input(3), 0);
    }

    #[test]
    fn keeps_lines_and_dedups() {
        let t = "f(a,\n  b) {";
        let e = Edit::replace(3..8, "");
        let (o, _) = apply(t, vec![e.clone(), e]).unwrap();
        assert_eq!(o, "f(a\n) {");
        assert!(apply("abc", vec![Edit::replace(0..2, "x"), Edit::replace(1..3, "y")]).is_err());
    }

    #[test]
    fn outer_wraps_open_first() {
        let mut e = Edit::wrap(0..1, "R(", ")").to_vec();
        e.extend(Edit::wrap(0..5, "(", ")"));
        let (o, _) = apply("a / 2", e).unwrap();
        assert_eq!(o, "(R(a) / 2)");
    }

    #[test]
    fn insertions_at_one_offset_keep_order() {
        let (o, _) = apply("()", vec![Edit::insert(1, "a"), Edit::insert(1, "b")]).unwrap();
        assert_eq!(o, "(ab)");
    }
}

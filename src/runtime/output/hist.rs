//! Histograms printed the way BCC's `print_log2_hist` / `print_linear_hist` print them.

const STARS_MAX: usize = 40;

fn stars(val: u64, val_max: u64, width: usize) -> String {
    if val_max == 0 {
        return String::new();
    }
    let mut n = 0;
    // BCC: add a star while i <= width*val/val_max - 1 (float arithmetic) and i < width.
    while n < width && (n as f64) <= (width as f64 * val as f64 / val_max as f64) - 1.0 {
        n += 1;
    }
    let mut s = "*".repeat(n);
    if val > val_max {
        s.pop();
        s.push('+');
    }
    s
}

/// `vals[i]` is the count of slot i (slot i holds values in [2^(i-1), 2^i - 1]).
#[allow(clippy::needless_range_loop)] // i is the bucket number as much as an index (BCC's loop)
pub fn log2(vals: &[u64], val_type: &str) -> String {
    let mut out = String::new();
    let idx_max = vals.iter().rposition(|&v| v > 0).map_or(-1, |i| i as i64);
    let val_max = vals.iter().copied().max().unwrap_or(0);
    let (wide, stars_w) = if idx_max <= 32 { (false, STARS_MAX) } else { (true, STARS_MAX / 2) };
    if idx_max > 0 {
        if wide {
            out.push_str(&format!("               {:<29} : count     distribution\n", val_type));
        } else {
            out.push_str(&format!("     {:<19} : count     distribution\n", val_type));
        }
    }
    for i in 1..=idx_max.max(0) as usize {
        let mut low = (1u128 << i) >> 1;
        let high = (1u128 << i) - 1;
        if low == high {
            low -= 1;
        }
        let val = vals[i];
        let s = stars(val, val_max, stars_w);
        if wide {
            out.push_str(&format!("{:>20} -> {:<20} : {:<8} |{:<w$}|\n", low, high, val, s, w = stars_w));
        } else {
            out.push_str(&format!("{:>10} -> {:<10} : {:<8} |{:<w$}|\n", low, high, val, s, w = stars_w));
        }
    }
    out
}

/// `vals[i]` is the count of value i.
pub fn linear(vals: &[u64], val_type: &str) -> String {
    let mut out = String::new();
    let idx_max = vals.iter().rposition(|&v| v > 0).map_or(-1, |i| i as i64);
    let val_max = vals.iter().copied().max().unwrap_or(0);
    if idx_max >= 0 {
        out.push_str(&format!("     {:<13} : count     distribution\n", val_type));
    }
    for i in 0..=idx_max.max(-1) {
        if i < 0 {
            break;
        }
        let val = vals[i as usize];
        out.push_str(&format!("        {:<10} : {:<8} |{:<40}|\n", i, val, stars(val, val_max, STARS_MAX)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Output of BCC 0.26's `print_log2_hist` for the same slots (python3-bpfcc on Debian 12).
    #[test]
    fn log2_matches_bcc() {
        let mut vals = vec![0u64; 64];
        vals[1] = 1;
        vals[3] = 4;
        vals[4] = 2;
        let expected = "     value               : count     distribution\n\
\x20        0 -> 1          : 1        |**********                              |\n\
\x20        2 -> 3          : 0        |                                        |\n\
\x20        4 -> 7          : 4        |****************************************|\n\
\x20        8 -> 15         : 2        |********************                    |\n";
        assert_eq!(log2(&vals, "value"), expected);
    }

    #[test]
    fn linear_matches_bcc() {
        let vals = [0u64, 3, 1];
        let expected = "     value         : count     distribution\n\
\x20       0          : 0        |                                        |\n\
\x20       1          : 3        |****************************************|\n\
\x20       2          : 1        |*************                           |\n";
        assert_eq!(linear(&vals, "value"), expected);
    }
}

//! Decoded keys and values (JSON, from the table's BTF) as label sets and numbers.
use serde_json::Value;

/// A sample's number, kept exact: counters of u64 lose nothing on the way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl Num {
    pub fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Number(n) => n.as_u64().map(Num::U).or_else(|| n.as_i64().map(Num::I)).or_else(|| n.as_f64().map(Num::F)),
            Value::Bool(b) => Some(Num::U(*b as u64)),
            _ => None,
        }
    }

    pub fn plus(self, other: Num) -> Num {
        match (self, other) {
            (Num::U(a), Num::U(b)) => Num::U(a.wrapping_add(b)),
            (Num::F(_), _) | (_, Num::F(_)) => Num::F(self.as_f64() + other.as_f64()),
            _ => Num::I(self.as_i64().wrapping_add(other.as_i64())),
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Num::U(v) => v as f64,
            Num::I(v) => v as f64,
            Num::F(v) => v,
        }
    }

    fn as_i64(self) -> i64 {
        match self {
            Num::U(v) => v as i64,
            Num::I(v) => v,
            Num::F(v) => v as i64,
        }
    }
}

/// A label name: `[a-zA-Z_][a-zA-Z0-9_]*`, without the `__` prefix Prometheus reserves.
pub fn label_name(field: &str) -> String {
    let s = super::source::sanitize(field);
    let t = s.trim_start_matches('_');
    if t.is_empty() || t.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field{s}")
    } else {
        t.to_string()
    }
}

/// A label value: strings as they are, numbers in decimal, anything else as compact JSON.
fn label_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The leaves of a decoded struct, nested names joined with `_` (`addr_s_addr`); arrays of
/// numbers are leaves (shown as JSON in labels).
pub fn flatten(v: &Value) -> Vec<(String, Value)> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>, depth: usize) {
        match v {
            Value::Object(o) if depth < 8 => {
                for (k, x) in o {
                    let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}_{k}") };
                    walk(&name, x, out, depth + 1);
                }
            }
            other => out.push((prefix.to_string(), other.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", v, &mut out, 0);
    out
}

/// A key as labels: a scalar key is `key`; a struct key gives one label per field. Names that
/// would repeat (or be `reserved`) get a `_` appended.
pub fn key_labels(key: &Value, reserved: &[&str]) -> Vec<(String, String)> {
    let fields = match key {
        Value::Object(_) => flatten(key),
        other => vec![("key".to_string(), other.clone())],
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, v) in fields {
        let mut n = label_name(&name);
        while reserved.contains(&n.as_str()) || out.iter().any(|(o, _)| *o == n) {
            n.push('_');
        }
        out.push((n, label_value(&v)));
    }
    out
}

/// A value's numbers: a scalar is one unnamed number; a struct gives each numeric field by its
/// flattened name. Strings and arrays are not numbers.
pub fn value_numbers(v: &Value) -> Vec<(String, Num)> {
    match v {
        Value::Object(_) => flatten(v).into_iter().filter_map(|(n, x)| Num::of(&x).map(|x| (n, x))).collect(),
        other => Num::of(other).map(|n| vec![(String::new(), n)]).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn struct_keys_become_labels() {
        let k = json!({"comm": "bash", "pid": 12, "addr": {"s_addr": 16777343}, "__pad": 0, "_1": 3});
        let l = key_labels(&k, &["le"]);
        let get = |n: &str| l.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("comm"), Some("bash"));
        assert_eq!(get("pid"), Some("12"));
        assert_eq!(get("addr_s_addr"), Some("16777343"));
        assert_eq!(get("pad"), Some("0"));
        assert_eq!(get("field_1"), Some("3"));
        assert_eq!(key_labels(&json!(7), &[]), vec![("key".to_string(), "7".to_string())]);
        assert_eq!(key_labels(&json!({"le": 1}), &["le"]), vec![("le_".to_string(), "1".to_string())]);
    }

    #[test]
    fn values_give_their_numbers() {
        assert_eq!(value_numbers(&json!(5)), vec![(String::new(), Num::U(5))]);
        assert_eq!(value_numbers(&json!(-5)), vec![(String::new(), Num::I(-5))]);
        let v = value_numbers(&json!({"bytes": 10, "name": "x", "lat": {"sum": 2.5}}));
        assert_eq!(v, vec![("bytes".into(), Num::U(10)), ("lat_sum".into(), Num::F(2.5))]);
        assert_eq!(Num::U(u64::MAX).plus(Num::U(0)), Num::U(u64::MAX));
    }
}

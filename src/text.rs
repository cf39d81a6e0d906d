//! Text helpers shared by the extraction, the outputs and the evaluation.

/// Whether `c` is a CJK ideograph, kana or hangul: scripts written without spaces, where each
/// character is counted as a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x20000..=0x2FA1F)
}

/// Tokens as the evaluation defines them: maximal runs of Unicode letters, digits and `_`
/// (`[\p{L}\p{N}_]+`). Combining marks end a run, as they would in that regex.
pub fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty())
}

/// Words for reading time and thresholds: tokens, with each CJK character counted once.
pub fn word_count(s: &str) -> usize {
    tokens(s).map(|t| { let cjk = t.chars().filter(|&c| is_cjk(c)).count(); if cjk > 0 { cjk.max(1) } else { 1 } }).sum()
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_the_naive_definition() {
        let s = "Héllo, wörld_42! 東京は晴れ — «ok» a-b";
        let naive: Vec<String> = {
            let mut v = Vec::new();
            let mut cur = String::new();
            for c in s.chars() {
                if c.is_alphabetic() || c.is_numeric() || c == '_' { cur.push(c) } else if !cur.is_empty() { v.push(std::mem::take(&mut cur)) }
            }
            if !cur.is_empty() { v.push(cur) }
            v
        };
        assert_eq!(tokens(s).map(str::to_owned).collect::<Vec<_>>(), naive);
        assert_eq!(word_count("東京は晴れ ok"), 6);
        assert_eq!(normalize_ws("  a \n b\t"), "a b");
    }
}

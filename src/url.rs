//! A small URL parser and RFC 3986 reference resolver, enough to make article links absolute.
//!
//! The `url` crate would add its IDNA tables to the wasm module; Baca only needs to join a
//! reference to the page URL and read the scheme and host, so this stays small. Hosts are kept
//! as written (lowercased); no percent-decoding or IDNA happens.

/// An absolute URL: `scheme:` followed by the rest, with the pieces located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    s: String,
    scheme_end: usize,
    /// Start and end of the host, when there is an authority (`//host`).
    host: Option<(usize, usize)>,
    /// Start of the path (after the authority).
    path_start: usize,
}

/// `s` without tab and newline chars (browsers drop them anywhere in a URL); borrowed when
/// there are none, as in nearly every URL.
fn strip_tabs_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        s.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect::<String>().into()
    } else {
        s.into()
    }
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl Url {
    /// Parses an absolute URL; `None` for a relative reference or garbage.
    pub fn parse(input: &str) -> Option<Url> {
        let input = input.trim_matches(|c: char| c <= ' ');
        let input = strip_tabs_newlines(input);
        let colon = input.find(':')?;
        let scheme = &input[..colon];
        if !is_scheme(scheme) {
            return None;
        }
        let mut s = scheme.to_ascii_lowercase();
        s.push_str(&input[colon..]);
        let scheme_end = colon;
        let special = matches!(&s[..scheme_end], "http" | "https" | "ftp" | "ws" | "wss" | "file");
        if special && s.contains('\\') {
            // Browsers treat backslashes as slashes in special URLs.
            s = s.replace('\\', "/");
        }
        let after = &s[scheme_end + 1..];
        let (host, path_start) = if let Some(rest) = after.strip_prefix("//") {
            let hs = scheme_end + 3;
            let end = rest.find(['/', '?', '#']).map(|i| hs + i).unwrap_or(s.len());
            // Strip userinfo, lowercase the host.
            let auth = &s[hs..end];
            let host_from = auth.rfind('@').map(|i| hs + i + 1).unwrap_or(hs);
            let lowered = s[host_from..end].to_ascii_lowercase();
            s.replace_range(host_from..end, &lowered);
            let host_end = s[host_from..end]
                .rfind(':')
                .filter(|&i| !s[host_from..end].contains(']') || s[host_from..end][i..].find(']').is_none())
                .map(|i| host_from + i)
                .unwrap_or(end);
            (Some((host_from, host_end)), end)
        } else if special {
            return None;
        } else {
            (None, scheme_end + 1)
        };
        let mut url = Url { s, scheme_end, host, path_start };
        if special && url.host().is_empty() && url.scheme() != "file" {
            return None;
        }
        if special && url.s.len() == url.path_start {
            url.s.push('/');
        }
        Some(url)
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    pub fn scheme(&self) -> &str {
        &self.s[..self.scheme_end]
    }

    /// The host, lowercased, without port; empty when there is none.
    pub fn host(&self) -> &str {
        self.host.map(|(a, b)| &self.s[a..b]).unwrap_or("")
    }

    fn has_authority(&self) -> bool {
        self.host.is_some()
    }

    /// Path, query and fragment.
    fn path_and_rest(&self) -> &str {
        &self.s[self.path_start..]
    }

    fn path(&self) -> &str {
        let r = self.path_and_rest();
        &r[..r.find(['?', '#']).unwrap_or(r.len())]
    }

    /// Resolves `reference` against this URL (RFC 3986 section 5.2).
    pub fn join(&self, reference: &str) -> Option<Url> {
        let r = reference.trim_matches(|c: char| c <= ' ');
        let r = strip_tabs_newlines(r);
        let special = matches!(self.scheme(), "http" | "https" | "ftp" | "ws" | "wss" | "file");
        let r = if special && r.contains('\\') { r.replace('\\', "/").into() } else { r };
        if let Some(colon) = r.find(':') {
            if is_scheme(&r[..colon]) && !r[..colon].contains(['/', '?', '#']) {
                return Url::parse(&r);
            }
        }
        if !self.has_authority() {
            return if r.starts_with('#') {
                let base = &self.s[..self.s.find('#').unwrap_or(self.s.len())];
                Url::parse(&format!("{base}{r}"))
            } else {
                None
            };
        }
        let prefix = &self.s[..self.path_start];
        let out = if r.starts_with("//") {
            format!("{}:{}", self.scheme(), r)
        } else if r.starts_with('/') {
            let (p, rest) = split_path(&r);
            format!("{}{}{}", &self.s[..self.path_start], remove_dot_segments(p), rest)
        } else if r.is_empty() {
            let whole = &self.s;
            whole[..whole.find('#').unwrap_or(whole.len())].to_owned()
        } else if r.starts_with('?') {
            format!("{}{}{}", prefix, self.path(), r)
        } else if r.starts_with('#') {
            let whole = &self.s;
            format!("{}{}", &whole[..whole.find('#').unwrap_or(whole.len())], r)
        } else {
            let base_path = self.path();
            let dir = match base_path.rfind('/') {
                Some(i) => &base_path[..=i],
                None => "/",
            };
            let (p, rest) = split_path(&r);
            format!("{}{}{}", prefix, remove_dot_segments(&format!("{dir}{p}")), rest)
        };
        Url::parse(&out)
    }
}

fn split_path(r: &str) -> (&str, &str) {
    let i = r.find(['?', '#']).unwrap_or(r.len());
    (&r[..i], &r[i..])
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    let n = segs.len();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i == n - 1 {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == n - 1 {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let j = out.join("/");
    if j.starts_with('/') {
        j
    } else {
        format!("/{j}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_examples() {
        let base = Url::parse("http://a/b/c/d;p?q").unwrap();
        let cases = [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("https://x.y/z", "https://x.y/z"),
        ];
        for (r, want) in cases {
            assert_eq!(base.join(r).map(|u| u.as_str().to_owned()).as_deref(), Some(want), "{r}");
        }
    }

    #[test]
    fn hosts_and_schemes() {
        let u = Url::parse("HTTPS://User@WWW.Example.com:8080/a").unwrap();
        assert_eq!(u.scheme(), "https");
        assert_eq!(u.host(), "www.example.com");
        assert!(Url::parse("javascript:alert(1)").is_some_and(|u| u.scheme() == "javascript"));
        assert!(Url::parse("/relative").is_none());
        assert_eq!(Url::parse("http://fakehost").unwrap().as_str(), "http://fakehost/");
        let base = Url::parse("http://fakehost/test/page.html").unwrap();
        assert_eq!(base.join(" JavaScript:x").unwrap().scheme(), "javascript");
        assert_eq!(base.join("foo/bar.png").unwrap().as_str(), "http://fakehost/test/foo/bar.png");
    }

    #[test]
    fn tabs_newlines_and_backslashes_as_browsers_read_them() {
        let base = Url::parse("http://fakehost/test/page.html").unwrap();
        assert_eq!(base.join("fo\to/b\nar\r.png").unwrap().as_str(), "http://fakehost/test/foo/bar.png");
        assert_eq!(base.join("\\img\\a.png").unwrap().as_str(), "http://fakehost/img/a.png");
        assert_eq!(base.join("java\nscript:x").unwrap().scheme(), "javascript");
        assert_eq!(Url::parse("ht\ttp://h\\p").unwrap().as_str(), "http://h/p");
        // Not special: backslashes stay.
        assert_eq!(Url::parse("x-app:a\\b").unwrap().as_str(), "x-app:a\\b");
    }
}

//! A tiny order-preserving JSON writer for the input generators: keys come out in the order the
//! API writes them (`id`, `type`, …), which matters to any union that dispatches on `type`.

/// A rendered JSON value.
#[derive(Debug, Clone)]
pub struct J(pub String);

/// A JSON string.
pub fn s(text: &str) -> J {
    J(serde_json::to_string(text).expect("a string always serializes"))
}

/// A JSON integer.
pub fn int(n: i64) -> J {
    J(n.to_string())
}

/// A JSON number (written the way serde_json writes `f64`).
pub fn num(x: f64) -> J {
    J(serde_json::to_string(&x).expect("finite numbers serialize"))
}

/// `true` / `false`.
pub fn boolean(b: bool) -> J {
    J(if b { "true" } else { "false" }.to_owned())
}

/// `null`.
pub fn null() -> J {
    J("null".to_owned())
}

/// An object with its keys in the given order.
pub fn obj(fields: Vec<(&str, J)>) -> J {
    let mut out = String::from("{");
    for (i, (key, value)) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&s(key).0);
        out.push(':');
        out.push_str(&value.0);
    }
    out.push('}');
    J(out)
}

/// An array.
pub fn arr(items: Vec<J>) -> J {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item.0);
    }
    out.push(']');
    J(out)
}

/// A deterministic pseudo-random source (splitmix64): the same seed gives the same documents.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An identifier like `msg_68c1…` (hex, the API's style).
    pub fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}_{:016x}{:016x}", self.next_u64(), self.next_u64())
    }

    /// Base64-looking opaque text (encrypted content).
    pub fn opaque(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(len + 6);
        out.push_str("gAAAAA");
        for _ in 0..len {
            out.push(ALPHABET[self.below(ALPHABET.len())] as char);
        }
        out
    }

    /// Prose of `lo..=hi` words.
    pub fn words(&mut self, lo: usize, hi: usize) -> String {
        let n = self.between(lo, hi);
        self.prose(n)
    }

    /// Opaque text of `lo..=hi` characters.
    pub fn opaque_between(&mut self, lo: usize, hi: usize) -> String {
        let n = self.between(lo, hi);
        self.opaque(n)
    }

    /// English-looking prose of `words` words, now and then with a quote, a newline or a
    /// non-ASCII word (so strings need unescaping sometimes, as real model output does).
    pub fn prose(&mut self, words: usize) -> String {
        const WORDS: &[&str] = &[
            "the",
            "model",
            "reads",
            "a",
            "file",
            "and",
            "answers",
            "with",
            "citations",
            "to",
            "sources",
            "that",
            "it",
            "found",
            "while",
            "searching",
            "for",
            "relevant",
            "results",
            "in",
            "vector",
            "store",
            "of",
            "documents",
            "about",
            "weather",
            "in",
            "Paris",
            "tomorrow",
            "will",
            "be",
            "sunny",
            "warm",
            "cloudy",
            "function",
            "returns",
            "JSON",
            "output",
            "which",
            "is",
            "then",
            "summarized",
            "for",
            "user",
            "request",
            "résumé",
            "naïve",
            "café",
            "Zürich",
            "東京",
        ];
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(if self.below(40) == 0 { '\n' } else { ' ' });
            }
            let word = WORDS[self.below(WORDS.len())];
            if self.below(60) == 0 {
                out.push('"');
                out.push_str(word);
                out.push('"');
            } else {
                out.push_str(word);
            }
        }
        out.push('.');
        out
    }
}

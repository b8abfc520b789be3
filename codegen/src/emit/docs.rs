//! Spec descriptions → rustdoc text that renders well and raises no rustdoc or clippy warnings:
//! brackets that are not links are escaped (no broken intra-doc links), bare URLs become
//! autolinks, stray `<` is escaped (no unclosed HTML tags), code fences without a language are
//! marked `text` (so they are not compiled as doctests) and indentation that would start an
//! indented code block is removed.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for a description (nothing for `None`).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => lines_to_attrs(&sanitize(text)),
        None => TokenStream::new(),
    }
}

pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// The sanitized lines of a description.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // Prose between fences is escaped as one block: links and code spans may cross lines.
    let mut prose: Vec<String> = Vec::new();
    let flush = |prose: &mut Vec<String>, out: &mut Vec<String>| {
        if !prose.is_empty() {
            out.extend(escape_inline(&prose.join("\n")).split('\n').map(str::to_owned));
            prose.clear();
        }
    };
    for raw in text.replace("\r\n", "\n").replace('\t', "    ").lines() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            flush(&mut prose, &mut out);
            if in_fence {
                out.push("```".to_owned());
            } else {
                let lang = trimmed.trim_start_matches('`').trim();
                out.push(if lang.is_empty() || lang == "rust" { "```text".to_owned() } else { format!("```{lang}") });
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(raw.trim_end().to_owned());
            continue;
        }
        // Keep list nesting shallow: four spaces would start an indented code block.
        let indent = (raw.len() - trimmed.len()).min(2);
        prose.push(format!("{}{}", " ".repeat(indent), trimmed.trim_end()));
    }
    flush(&mut prose, &mut out);
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    out
}

/// Escapes one line outside code fences, leaving inline code spans alone.
fn escape_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                // An inline code span: copy through to the matching run of backticks.
                let run = chars[i..].iter().take_while(|&&b| b == '`').count();
                let close = find_backtick_run(&chars, i + run, run);
                match close {
                    Some(end) => {
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
            }
            '[' => {
                // `[text](url)` stays a link; any other bracket is escaped.
                match link_end(&chars, i) {
                    Some(end) => {
                        let text: String = chars[i + 1..end].iter().collect();
                        out.push('[');
                        out.push_str(&escape_inline(&text));
                        out.push(']');
                        i = end + 1;
                    }
                    None => {
                        out.push_str("\\[");
                        i += 1;
                    }
                }
            }
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '(' if out.ends_with(']') => {
                // The URL part of a link: copied as is, up to the closing parenthesis.
                let end = chars[i..].iter().position(|&c| c == ')').map(|p| p + i);
                let end = end.unwrap_or(chars.len() - 1);
                out.extend(&chars[i..=end]);
                i = end + 1;
            }
            '<' => {
                out.push_str("&lt;");
                i += 1;
            }
            '>' => {
                out.push_str("&gt;");
                i += 1;
            }
            'h' if starts_url(&chars, i) => {
                let end = chars[i..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |p| p + i);
                let mut url: String = chars[i..end].iter().collect();
                let mut tail = String::new();
                while url.ends_with(['.', ',', ';', ':', ')', '"', '\'']) {
                    if let Some(last) = url.pop() {
                        tail.insert(0, last);
                    }
                }
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&tail.replace(']', "\\]"));
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn find_backtick_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let len = chars[i..].iter().take_while(|&&b| b == '`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// For `[` at `start`, the index of the `]` of a `[text](url)` link.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0;
    for (offset, &c) in chars[start..].iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let end = start + offset;
                    return (chars.get(end + 1) == Some(&'(') && chars[end + 1..].contains(&')')).then_some(end);
                }
            }
            _ => {}
        }
    }
    None
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    (rest.starts_with("http://") || rest.starts_with("https://"))
        && (i == 0 || !matches!(chars[i - 1], '(' | '<' | '"' | '\'' | '/'))
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn brackets_links_and_urls() {
        assert_eq!(sanitize("Ends with [DONE]."), vec!["Ends with \\[DONE\\]."]);
        assert_eq!(sanitize("See [the guide](https://x.y/a)."), vec!["See [the guide](https://x.y/a)."]);
        assert_eq!(sanitize("See https://x.y/a."), vec!["See <https://x.y/a>."]);
        assert_eq!(sanitize("Use `a[0]` or <b>"), vec!["Use `a[0]` or &lt;b&gt;"]);
    }

    #[test]
    fn links_across_lines() {
        assert_eq!(sanitize("See [the\nguide](https://x.y)."), vec!["See [the", "guide](https://x.y)."]);
    }

    #[test]
    fn fences_and_indentation() {
        let lines = sanitize("Example:\n```\nlet x = 1;\n```\n        deep");
        assert_eq!(lines, vec!["Example:", "```text", "let x = 1;", "```", "  deep"]);
    }
}

//! Spec descriptions → rustdoc text that renders well and raises no rustdoc or clippy warnings:
//! brackets that are not links are escaped (no broken intra-doc links), bare URLs become
//! autolinks, stray `<` is escaped (no unclosed HTML tags), every code block is a fence tagged
//! `text` (a spec's text is never compiled or run as a doctest), and text a doc comment cannot
//! hold (a bare CR, bidirectional controls) is made visible instead.

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
    let attrs = doc_lines(lines).into_iter().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Doc lines as they are written out: every line goes through here, whether it holds a sanitized
/// description or a sentence of the emitter's that quotes spec text (a wire value, a tag, a
/// path). Each line is normalized (it may not hold a line break or a control character), and
/// lines that together would make a code block are rendered inert.
pub fn doc_lines(lines: &[String]) -> Vec<String> {
    let lines: Vec<String> =
        lines.iter().flat_map(|line| normalize(line).split('\n').map(str::to_owned).collect::<Vec<_>>()).collect();
    if code_blocks_are_inert(&lines) {
        lines
    } else {
        inert_lines(&lines.join("\n"))
    }
}

/// Spec text (a wire value, a tag, a path) as one inline code span, whatever it holds: the span's
/// backtick run is longer than any inside the text, and line breaks become spaces.
pub fn code_span(text: &str) -> String {
    let text = normalize(text).replace('\n', " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space inside its fence (CommonMark).
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The sanitized lines of a description: rustdoc-safe markdown in which every code block is a
/// fenced block tagged `text`, so no text from a spec can ever be compiled or run as a doctest.
///
/// The line-based pass below keeps what descriptions really use (prose, lists, links, fences)
/// readable; `code_blocks_are_inert` then parses the result as rustdoc does. Markdown that pass
/// does not model (a fence inside a list item, a blockquote, deep indentation) can still make a
/// code block, and such a description is rendered by `inert_lines` instead, which leaves no
/// line able to open one.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = normalize(text);
    let lines = structured_lines(&text);
    if code_blocks_are_inert(&lines) {
        return lines;
    }
    let lines = inert_lines(&text);
    if code_blocks_are_inert(&lines) {
        return lines;
    }
    // Unreachable by construction (no line of `inert_lines` can open a block); kept so that a
    // mistake there costs a description, never a doctest.
    vec!["(This description could not be rendered safely and is left out.)".to_owned()]
}

/// Line breaks as `\n` (a bare CR is not allowed in a doc comment), tabs as spaces, and
/// characters a doc comment must not hold made visible: other control characters become U+FFFD,
/// bidirectional overrides and isolates (denied by rustc's `text_direction_codepoint_in_comment`
/// lint, and a way to make text read differently than it is) are written as `U+202E` and so on.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push_str(&format!("U+{:04X}", u32::from(c))),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A fence line: its character, its length and what follows it (`None` for other lines).
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|&c| c == first).count();
    (run >= 3).then(|| (first, run, &trimmed[run..]))
}

/// A fence line's indentation, at most three spaces (four would make it an indented code line).
fn fence_indent(line: &str) -> &'static str {
    let spaces = line.len() - line.trim_start().len();
    ["", " ", "  ", "   "][spaces.min(3)]
}

/// The line-based pass: fences re-tagged `text`, prose escaped, indentation kept shallow.
fn structured_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The open fence's character and length: only a run at least as long closes it.
    let mut open: Option<(char, usize)> = None;
    // Prose between fences is escaped as one block: links and code spans may cross lines.
    let mut prose: Vec<String> = Vec::new();
    let flush = |prose: &mut Vec<String>, out: &mut Vec<String>| {
        if !prose.is_empty() {
            out.extend(escape_inline(&prose.join("\n")).split('\n').map(str::to_owned));
            prose.clear();
        }
    };
    for raw in text.lines() {
        match (open, fence(raw)) {
            (None, Some((c, run, _))) => {
                flush(&mut prose, &mut out);
                // Whatever the language, the block is shown as text: `rust`, `should_panic`,
                // `edition2021`, `no_run` or no tag at all would make rustdoc compile it. The
                // indentation stays (a fence may belong to a list item), at most three spaces.
                out.push(format!("{}{}text", fence_indent(raw), c.to_string().repeat(run)));
                open = Some((c, run));
            }
            (Some((c, run)), Some((close, len, rest))) if close == c && len >= run && rest.trim().is_empty() => {
                out.push(format!("{}{}", fence_indent(raw), c.to_string().repeat(run)));
                open = None;
            }
            (Some(_), _) => out.push(raw.trim_end().to_owned()),
            (None, None) => {
                let trimmed = raw.trim_start();
                // Keep list nesting shallow: four spaces would start an indented code block.
                let indent = (raw.len() - trimmed.len()).min(2);
                prose.push(format!("{}{}", " ".repeat(indent), trimmed.trim_end()));
            }
        }
    }
    flush(&mut prose, &mut out);
    if let Some((c, run)) = open {
        out.push(c.to_string().repeat(run));
    }
    trim_blank_ends(out)
}

/// The fallback rendering: every line starts at column 0 and no line starts with a character
/// that opens a block (`>`, a list marker, a fence, a heading), so there is no container for a
/// code block to hide in and no line that can open one. Lists and fences show as plain text.
fn inert_lines(text: &str) -> Vec<String> {
    let flat: Vec<&str> = text.lines().map(str::trim).collect();
    let escaped = escape_inline(&flat.join("\n"));
    let lines = escaped.split('\n').map(|line| escape_block_start(line.trim_start())).collect();
    trim_blank_ends(lines)
}

/// `line` with a backslash before a leading character that could open a block.
fn escape_block_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
        Some('>' | '-' | '+' | '*' | '#' | '=' | '_' | '|' | '`' | '~' | '<') if digits == 0 => format!("\\{line}"),
        _ => line.to_owned(),
    }
}

fn trim_blank_ends(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let leading = lines.iter().take_while(|l| l.trim().is_empty()).count();
    lines.drain(..leading);
    lines
}

/// Whether rustdoc, reading `lines` as an item's documentation, finds no code block other than
/// fenced blocks tagged exactly `text` (which it neither compiles nor runs). Parsed with
/// pulldown-cmark, rustdoc's own markdown parser, with the extensions rustdoc turns on.
pub fn code_blocks_are_inert(lines: &[String]) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let text = lines.join("\n");
    Parser::new_ext(&text, options).all(|event| match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.as_ref() == "text",
        Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => false,
        _ => true,
    })
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

    /// Every markdown form that makes a code block, with the tags that make rustdoc compile or run
    /// it; the code itself would write a file.
    fn hostile_code_blocks() -> Vec<String> {
        let code = "std::fs::write(\"pwned.txt\", \"x\").unwrap();";
        let mut forms = Vec::new();
        for fence in ["```", "~~~", "````", "~~~~~"] {
            for tag in ["", "rust", "should_panic", "edition2021", "rust,no_run", "no_run", "compile_fail", "json"] {
                forms.push(format!("Example:\n{fence}{tag}\n{code}\n{fence}\nAfter."));
                forms.push(format!("{fence} {tag}\n{code}"));
                forms.push(format!("- item\n\n  {fence}{tag}\n  {code}\n  {fence}"));
                forms.push(format!("- {fence}{tag}\n  {code}\n  {fence}"));
                forms.push(format!("1. {fence}{tag}\n   {code}\n   {fence}"));
                forms.push(format!("> {fence}{tag}\n> {code}\n> {fence}"));
                forms.push(format!("> - > {fence}{tag}\n>   > {code}"));
                forms.push(format!("   {fence}{tag}\n   {code}\n   {fence}"));
            }
        }
        forms.push(format!("Text.\n\n    {code}"));
        forms.push(format!("\t{code}"));
        forms.push(format!("-     {code}"));
        forms.push(format!("1.     {code}"));
        forms.push(format!(">     {code}"));
        forms.push(format!("- a\n\n      {code}"));
        forms.push(format!("10. a\n\n        {code}"));
        forms.push(format!("* > * >     {code}"));
        forms.push(format!("Text\r\r    {code}"));
        forms
    }

    #[test]
    fn no_description_makes_a_code_block_rustdoc_would_compile() {
        for form in hostile_code_blocks() {
            let lines = sanitize(&form);
            assert!(super::code_blocks_are_inert(&lines), "{form:?} became {lines:?}");
        }
    }

    #[test]
    fn the_check_sees_what_rustdoc_would_compile() {
        // The check itself must be able to fail: these are doctests as written.
        for unsafe_doc in ["```\nx\n```", "```rust\nx\n```", "~~~should_panic\nx\n~~~", "- ```\n  x", "a\n\n    x"] {
            let lines: Vec<String> = unsafe_doc.split('\n').map(str::to_owned).collect();
            assert!(!super::code_blocks_are_inert(&lines), "{unsafe_doc:?}");
        }
    }

    #[test]
    fn spec_text_quoted_by_the_emitter_stays_one_inline_span() {
        use super::{code_span, doc_lines};
        assert_eq!(code_span("in_memory"), "`in_memory`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        let hostile = format!("Value {}.", code_span("x\n```rust\ncompile_error!(\"\");\n```"));
        let lines = doc_lines(&[hostile]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(super::code_blocks_are_inert(&lines));
        // Lines the emitter joins are checked together, as rustdoc reads them.
        let lines = doc_lines(&["- ```".to_owned(), "  code".to_owned()]);
        assert!(super::code_blocks_are_inert(&lines), "{lines:?}");
    }

    #[test]
    fn a_fence_in_a_list_item_stays_in_it() {
        let lines = sanitize("- Example:\n  ```json\n  {}\n  ```\n- Next");
        assert_eq!(lines, vec!["- Example:", "  ```text", "  {}", "  ```", "- Next"]);
    }

    #[test]
    fn fences_keep_their_content_and_length() {
        let lines = sanitize("````python\n```\nprint(1)\n````");
        assert_eq!(lines, vec!["````text", "```", "print(1)", "````"]);
    }

    #[test]
    fn text_a_doc_comment_cannot_hold_is_made_visible() {
        assert_eq!(sanitize("a\rb\r\nc"), vec!["a", "b", "c"]);
        assert_eq!(sanitize("x\u{202E}y\u{2066}z"), vec!["xU+202EyU+2066z"]);
        assert_eq!(sanitize("a\u{0}b\u{7}"), vec!["a\u{FFFD}b\u{FFFD}"]);
    }
}

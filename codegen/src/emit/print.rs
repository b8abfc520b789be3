//! Printing fixed-shape items straight to source text, in prettyplease's layout.
//!
//! Most of the generator's time went to `syn` re-parsing the tokens `quote!` had just built, so
//! that prettyplease could lay them out. Most items have a fixed shape in which only names, keys
//! and types vary (struct definitions and impls, enums, a union's enum, accessors, `From` and
//! `Serialize`, the type registry). For them this printer writes the lines prettyplease would,
//! taking each break decision the way it does (a group stays on one line when its line fits, see
//! [`fits`]). Where a decision would need more of prettyplease's rules than this printer has, the
//! item is marked inexact and `format_pieces` has prettyplease format it after all, so the output
//! is always prettyplease's. `EmitOptions::verify_printing` formats every printed item both ways
//! and fails on a difference; the tests run it on the spec, the fixtures, the stress spec and a
//! sweep of name widths (`codegen/tests/printing.rs`).

/// prettyplease's line width: a group breaks when its line would pass this column.
pub const MARGIN: usize = 89;
/// prettyplease's indentation step.
pub const INDENT: usize = 4;
/// However deep a line starts, prettyplease lets it hold this many columns after its indentation.
const MIN_SPACE: usize = 60;

/// Whether `len` columns of code fit on a line indented by `indent`.
fn fits(indent: usize, len: usize) -> bool {
    len <= MARGIN.saturating_sub(indent).max(MIN_SPACE)
}

/// An item printed as text, and whether every layout decision in it was one this printer makes
/// exactly as prettyplease does.
pub(crate) struct Printed {
    pub text: String,
    pub exact: bool,
}

pub(crate) struct Printer {
    out: String,
    exact: bool,
}

impl Printer {
    pub fn new() -> Self {
        Printer { out: String::with_capacity(4096), exact: true }
    }

    pub fn finish(self) -> Printed {
        Printed { text: self.out, exact: self.exact }
    }

    /// The empty line between two items.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// One line of code that prettyplease keeps on one line when it fits; when it does not, the
    /// item is left to prettyplease.
    pub fn line(&mut self, indent: usize, text: &str) {
        self.line_then(indent, text, "");
    }

    /// One line whose `tail` (a `,` prettyplease adds only when the line is not broken) does not
    /// count towards the width.
    pub fn line_then(&mut self, indent: usize, text: &str, tail: &str) {
        if !fits(indent, text.len()) {
            self.exact = false;
        }
        self.indent(indent);
        self.out.push_str(text);
        self.out.push_str(tail);
        self.out.push('\n');
    }

    /// A line prettyplease cannot break (one token and its punctuation, or a `type` alias of a
    /// plain name): printed as it is, however wide.
    pub fn unbreakable(&mut self, indent: usize, text: &str) {
        self.indent(indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Doc comment lines, as prettyplease prints the `#[doc = " line"]` attributes
    /// `lines_to_attrs` makes of them.
    pub fn doc(&mut self, indent: usize, lines: &[String]) {
        // `doc_lines` leaves no line break in a line: each one is a line comment.
        for line in super::docs::doc_lines(lines) {
            self.indent(indent);
            self.out.push_str("///");
            // The attribute's value is ` line`, which prettyplease prints with trailing spaces
            // (only ' ') trimmed.
            let kept = line.trim_end_matches(' ');
            if !kept.is_empty() {
                self.out.push(' ');
                self.out.push_str(kept);
            }
            self.out.push('\n');
        }
    }

    /// The doc lines of a description, sanitized as `doc_attrs` does.
    pub fn description(&mut self, indent: usize, text: Option<&str>) {
        if let Some(text) = text {
            self.doc(indent, &super::sanitize_doc(text));
        }
    }

    /// A call statement or expression: `head(args)tail` on one line if it fits, else one
    /// argument per line. `head` is a path (`a::b::f`) or a method of a receiver of at most
    /// four characters (`map.serialize_entry`): prettyplease does not break before their `.`.
    pub fn call(&mut self, indent: usize, head: &str, args: &[&str], tail: &str) {
        let flat = format!("{head}({}){tail}", args.join(", "));
        if fits(indent, flat.len()) {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, &format!("{head}("));
        self.arguments(indent + INDENT, args);
        self.line(indent, &format!("){tail}"));
    }

    /// A `fn` signature: `head(params)tail {` on one line if it fits, else one parameter per line.
    pub fn signature(&mut self, indent: usize, head: &str, params: &[String], tail: &str) {
        let flat = format!("{head}({}){tail} {{", params.join(", "));
        if fits(indent, flat.len()) {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, &format!("{head}("));
        for (i, param) in params.iter().enumerate() {
            // A parameter too long for its line breaks in its type's generic arguments.
            let (name, ty) = param.split_once(": ").map_or(("", param.as_str()), |(name, ty)| (name, ty));
            let prefix = if name.is_empty() { String::new() } else { format!("{name}: ") };
            if i + 1 == params.len() {
                self.typed_line(indent + INDENT, &prefix, ty, "", ",");
            } else {
                self.typed_line(indent + INDENT, &prefix, ty, ",", "");
            }
        }
        match tail.strip_prefix(" -> ") {
            // A return type too long for the closing line breaks in its generic arguments.
            Some(ty) => self.typed_line(indent, ") -> ", ty, " {", ""),
            None => self.line(indent, &format!("){tail} {{")),
        }
    }

    /// `head for name {`, the `for` on a line of its own when the whole does not fit.
    pub fn impl_header(&mut self, head: &str, name: &str) {
        let flat = format!("{head} for {name} {{");
        if fits(0, flat.len()) {
            self.line(0, &flat);
        } else {
            self.line(0, head);
            self.line(0, &format!("for {name} {{"));
        }
    }

    /// Broken arguments, fields or elements: one per line with a trailing comma (which only the
    /// last one does not count: prettyplease adds it at the break).
    pub fn arguments(&mut self, indent: usize, args: &[&str]) {
        for (i, arg) in args.iter().enumerate() {
            let last = i + 1 == args.len();
            if is_one_token(arg) && !fits(indent, arg.len() + usize::from(!last)) {
                self.unbreakable(indent, &format!("{arg},"));
            } else if last {
                self.line_then(indent, arg, ",");
            } else {
                self.line(indent, &format!("{arg},"));
            }
        }
    }

    /// A line `{prefix}{ty}{suffix}{tail}` whose type may break in its outermost generic
    /// arguments: `Head<` / one argument per line / `>suffix tail` when the line does not fit
    /// (`tail`, a comma prettyplease adds at a break, does not count).
    pub fn typed_line(&mut self, indent: usize, prefix: &str, ty: &str, suffix: &str, tail: &str) {
        let flat_len = prefix.len() + ty.len() + suffix.len();
        match ty.split_once('<') {
            Some((head, rest)) if !fits(indent, flat_len) && rest.ends_with('>') => {
                let args = top_level_arguments(&rest[..rest.len() - 1]);
                self.line(indent, &format!("{prefix}{head}<"));
                self.arguments(indent + INDENT, &args);
                self.line(indent, &format!(">{suffix}{tail}"));
            }
            _ => self.line_then(indent, &format!("{prefix}{ty}{suffix}"), tail),
        }
    }

    /// A match arm whose body prettyplease cannot break (a literal, a path, a short call): on
    /// one line if it fits (the comma after it does not count), else the body alone in a block.
    pub fn arm(&mut self, indent: usize, pattern: &str, body: &str) {
        let flat = format!("{pattern} => {body}");
        if fits(indent, flat.len()) {
            self.line_then(indent, &flat, ",");
            return;
        }
        self.line(indent, &format!("{pattern} => {{"));
        self.line(indent + INDENT, body);
        self.line(indent, "}");
    }

    /// A match arm whose body is a method call `receiver.method(args)tail` on a receiver longer
    /// than four characters: on one line if it fits (the comma after it does not count), else
    /// the body alone in a block, broken before the `.` and then in its arguments as needed.
    pub fn arm_call(&mut self, indent: usize, pattern: &str, receiver: &str, method: &str, args: &[&str], tail: &str) {
        let call = format!("{method}({}){tail}", args.join(", "));
        let flat = format!("{pattern} => {receiver}.{call}");
        if fits(indent, flat.len()) {
            self.line_then(indent, &flat, ",");
            return;
        }
        self.line(indent, &format!("{pattern} => {{"));
        let body = indent + INDENT;
        if fits(body, receiver.len() + 1 + call.len()) {
            self.line(body, &format!("{receiver}.{call}"));
        } else {
            self.line(body, receiver);
            let chained = body + INDENT;
            if fits(chained, 1 + call.len()) {
                self.line(chained, &format!(".{call}"));
            } else {
                self.line(chained, &format!(".{method}("));
                self.arguments(chained + INDENT, args);
                self.line(chained, &format!("){tail}"));
            }
        }
        self.line(indent, "}");
    }

    /// A struct literal `head path { fields }tail`: on one line when it is at most 34 columns
    /// wide (prettyplease's limit for struct literals) and the line fits, else one field per line.
    pub fn struct_literal(&mut self, indent: usize, head: &str, path: &str, fields: &[String], tail: &str) {
        let joined = fields.join(", ");
        let flat = format!("{head}{path} {{ {joined} }}{tail}");
        if path.len() + joined.len() + 4 <= 34 && fits(indent, flat.len()) {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, &format!("{head}{path} {{"));
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        self.arguments(indent + INDENT, &fields);
        self.line(indent, &format!("}}{tail}"));
    }

    /// A call whose last argument is `&[elements]`: on one line if it fits, else one argument per
    /// line, and the array on one line if that fits, else one element per line.
    pub fn call_ending_in_array(&mut self, indent: usize, head: &str, args: &[&str], elements: &[String], tail: &str) {
        let array = format!("&[{}]", elements.join(", "));
        let flat = format!("{head}({}, {array}){tail}", args.join(", "));
        if fits(indent, flat.len()) {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, &format!("{head}("));
        let inner = indent + INDENT;
        for arg in args {
            self.line(inner, &format!("{arg},"));
        }
        self.array_ref(inner, "", elements, "", ",");
        self.line(indent, &format!("){tail}"));
    }

    /// `{prefix}&[elements]{suffix}{tail}` on one line if it fits, else one element per line
    /// (`tail`, a comma prettyplease adds at a break, does not count).
    pub fn array_ref(&mut self, indent: usize, prefix: &str, elements: &[String], suffix: &str, tail: &str) {
        let flat = format!("{prefix}&[{}]{suffix}", elements.join(", "));
        if fits(indent, flat.len()) {
            self.line_then(indent, &flat, tail);
            return;
        }
        self.line(indent, &format!("{prefix}&["));
        let elements: Vec<&str> = elements.iter().map(String::as_str).collect();
        self.arguments(indent + INDENT, &elements);
        self.line(indent, &format!("]{suffix}{tail}"));
    }

    /// `match self { pattern => body, … }` as the body of a method.
    pub fn match_self(&mut self, arms: &[(String, String)]) {
        if arms.is_empty() {
            // prettyplease prints `match self {}`; rare enough to leave to it.
            self.exact = false;
        }
        self.line(2 * INDENT, "match self {");
        for (pattern, body) in arms {
            self.arm(3 * INDENT, pattern, body);
        }
        self.line(2 * INDENT, "}");
    }

    /// `fn serialize<S: Serializer>(&self, serializer: S) -> Result<…> {` in an impl.
    pub fn serialize_signature(&mut self) {
        self.signature(
            INDENT,
            "fn serialize<S: ::serde::Serializer>",
            &["&self".to_owned(), "serializer: S".to_owned()],
            " -> Result<S::Ok, S::Error>",
        );
    }

    /// `fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, …> {` in an impl.
    pub fn deserialize_signature(&mut self) {
        self.signature(
            INDENT,
            "fn deserialize<D: ::serde::Deserializer<'de>>",
            &["deserializer: D".to_owned()],
            " -> Result<Self, D::Error>",
        );
    }

    /// `impl Deserialize for name` up to the visitor's first `visit_*` method: the signature,
    /// `struct Visitor`, `{visitor_impl} for Visitor` with `type Value` and `expecting`.
    pub fn visitor_start(&mut self, name: &str, visitor_impl: &str, expecting: &str) {
        self.impl_header("impl<'de> ::serde::Deserialize<'de>", name);
        self.deserialize_signature();
        self.line(2 * INDENT, "struct Visitor;");
        self.line(2 * INDENT, &format!("{visitor_impl} for Visitor {{"));
        self.unbreakable(3 * INDENT, &format!("type Value = {name};"));
        self.expecting(expecting);
    }

    /// The end of what `visitor_start` began: the deserializer is driven by `drive`.
    pub fn visitor_end(&mut self, drive: &str) {
        self.line(2 * INDENT, "}");
        self.line(2 * INDENT, &format!("deserializer.{drive}(Visitor)"));
        self.line(INDENT, "}");
        self.line(0, "}");
    }

    /// A visitor's `fn expecting` (in an impl inside a `deserialize`), writing `text`.
    fn expecting(&mut self, text: &str) {
        self.signature(
            3 * INDENT,
            "fn expecting",
            &["&self".to_owned(), "f: &mut ::std::fmt::Formatter<'_>".to_owned()],
            " -> ::std::fmt::Result",
        );
        self.call(4 * INDENT, "f.write_str", &[&string_literal(text)], "");
        self.line(3 * INDENT, "}");
    }

    fn indent(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }
}

/// A Rust string literal, written as `quote!` writes it (prettyplease keeps literals as they are).
pub(crate) fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// The comma-separated arguments of a generic argument list, split at its own depth only.
fn top_level_arguments(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(list[start..].trim());
    out
}

/// Whether `text` is one string literal or one path of identifiers (which prettyplease cannot
/// break).
fn is_one_token(text: &str) -> bool {
    let literal =
        text.len() >= 2 && text.starts_with('"') && text.ends_with('"') && !text[1..text.len() - 1].contains('"');
    let path = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
    literal || path
}

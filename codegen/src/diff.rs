//! Change tracking between two versions of a spec, in the terms a user of the generated crate
//! cares about.
//!
//! - [`compare`]: an API change report between two type models — operations, types, fields,
//!   union variants and enum values added or removed, fields whose type, optionality or
//!   nullability changed — each change classified as breaking or compatible for code that uses
//!   the generated crate, rendered as text ([`Report::to_text`]), JSON ([`Report::to_json`]) or
//!   markdown ([`Report::to_markdown`]).
//! - Per-type snapshots ([`type_snapshot_files`]): one file per generated type, so a spec change
//!   that touches one schema changes one file; `cargo xtask codegen` writes them next to the
//!   generated module and the `type_snapshots` test checks them.
//!
//! What counts as breaking follows from what the generated code looks like: structs and enums are
//! `#[non_exhaustive]`, structs are built with `new(required fields…)` and `with_*` setters,
//! optional fields are `Option<T>` or `Nullable<T>`, and unions and enums keep values they do not
//! know in a fallback variant. So adding an optional field, a union variant or an enum value
//! is compatible; removing anything, changing a type, adding a required field (a new `new`
//! parameter) and changing a field's optionality either way (its Rust type changes between `T` and
//! `Option<T>`) is breaking. Descriptions are not compared: they do not change the Rust API.

use crate::areas::Areas;
use crate::error::Result;
use crate::model::{Constant, Model, Operation, Param, Struct, TypeDef, TypeKind, Union, UnionVariant};
use crate::rust_api::RustApi;
use crate::write::{self, Changes, OutputFile, MARKER};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether a change breaks code written against the previous version of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Breaking,
    Compatible,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
        }
    }
}

/// What a set of changes means for the crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// No change to the Rust API.
    Unchanged,
    /// Only compatible changes: a patch release.
    Compatible,
    /// At least one breaking change: a minor release while 0.x, a major one after 1.0.
    Breaking,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Unchanged => "unchanged",
            Verdict::Compatible => "compatible",
            Verdict::Breaking => "breaking",
        }
    }

    /// The version bump this verdict calls for.
    pub fn advice(self) -> &'static str {
        match self {
            Verdict::Unchanged => "the Rust API is unchanged; no version bump is needed for it",
            Verdict::Compatible => "bump the patch version",
            Verdict::Breaking => "bump the minor version while 0.x (the major version after 1.0)",
        }
    }
}

/// The kind of a change. [`ChangeKind::as_str`] gives its stable name (used in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    OperationEndpointChanged,
    OperationRequestChanged,
    OperationBodyChanged,
    OperationResponseChanged,
    OperationMethodChanged,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    ParameterTypeChanged,
    ParameterOptionalityChanged,
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    AliasChanged,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldTypeChanged,
    FieldOptionalityChanged,
    FieldNullabilityChanged,
    ConstantAdded,
    ConstantRemoved,
    ConstantChanged,
    UnionTagChanged,
    VariantAdded,
    VariantRemoved,
    VariantRenamed,
    VariantTypeChanged,
    VariantTagValueAdded,
    VariantTagValueRemoved,
    ConversionRemoved,
    FallbackRenamed,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamed,
    FeaturesChanged,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::OperationAdded => "operation_added",
            ChangeKind::OperationRemoved => "operation_removed",
            ChangeKind::OperationEndpointChanged => "operation_endpoint_changed",
            ChangeKind::OperationRequestChanged => "operation_request_changed",
            ChangeKind::OperationBodyChanged => "operation_body_changed",
            ChangeKind::OperationResponseChanged => "operation_response_changed",
            ChangeKind::OperationMethodChanged => "operation_method_changed",
            ChangeKind::ParameterAdded => "parameter_added",
            ChangeKind::ParameterRemoved => "parameter_removed",
            ChangeKind::ParameterRenamed => "parameter_renamed",
            ChangeKind::ParameterTypeChanged => "parameter_type_changed",
            ChangeKind::ParameterOptionalityChanged => "parameter_optionality_changed",
            ChangeKind::TypeAdded => "type_added",
            ChangeKind::TypeRemoved => "type_removed",
            ChangeKind::TypeKindChanged => "type_kind_changed",
            ChangeKind::AliasChanged => "alias_changed",
            ChangeKind::FieldAdded => "field_added",
            ChangeKind::FieldRemoved => "field_removed",
            ChangeKind::FieldRenamed => "field_renamed",
            ChangeKind::FieldTypeChanged => "field_type_changed",
            ChangeKind::FieldOptionalityChanged => "field_optionality_changed",
            ChangeKind::FieldNullabilityChanged => "field_nullability_changed",
            ChangeKind::ConstantAdded => "constant_added",
            ChangeKind::ConstantRemoved => "constant_removed",
            ChangeKind::ConstantChanged => "constant_changed",
            ChangeKind::UnionTagChanged => "union_tag_changed",
            ChangeKind::VariantAdded => "variant_added",
            ChangeKind::VariantRemoved => "variant_removed",
            ChangeKind::VariantRenamed => "variant_renamed",
            ChangeKind::VariantTypeChanged => "variant_type_changed",
            ChangeKind::VariantTagValueAdded => "variant_tag_value_added",
            ChangeKind::VariantTagValueRemoved => "variant_tag_value_removed",
            ChangeKind::ConversionRemoved => "conversion_removed",
            ChangeKind::FallbackRenamed => "fallback_renamed",
            ChangeKind::EnumValueAdded => "enum_value_added",
            ChangeKind::EnumValueRemoved => "enum_value_removed",
            ChangeKind::EnumValueRenamed => "enum_value_renamed",
            ChangeKind::FeaturesChanged => "features_changed",
        }
    }
}

/// What a change is in: an operation (by operation id) or a type (by Rust name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Operation(String),
    Type(String),
}

impl Target {
    pub fn name(&self) -> &str {
        match self {
            Target::Operation(name) | Target::Type(name) => name,
        }
    }

    pub fn kind_str(&self) -> &'static str {
        match self {
            Target::Operation(_) => "operation",
            Target::Type(_) => "type",
        }
    }
}

/// One change to the API of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub severity: Severity,
    pub kind: ChangeKind,
    pub target: Target,
    /// The part of the target that changed: a field's or parameter's JSON name, a variant's Rust
    /// name, an enum value, a constant's key; `None` for the target as a whole.
    pub member: Option<String>,
    /// Where, for people: `Type.field`, `Type::Variant`, `operation createThing`.
    pub location: String,
    /// The Rust API before and after, when there is one to show (`String` → `Option<String>`).
    pub old: Option<String>,
    pub new: Option<String>,
    /// What changed, in one sentence.
    pub message: String,
    /// Why it is breaking or compatible.
    pub reason: String,
}

impl Change {
    /// The change as a JSON object with stable field names.
    pub fn to_json(&self) -> Value {
        json!({
            "severity": self.severity.as_str(),
            "kind": self.kind.as_str(),
            "target_kind": self.target.kind_str(),
            "target": self.target.name(),
            "member": self.member,
            "location": self.location,
            "old": self.old,
            "new": self.new,
            "message": self.message,
            "reason": self.reason,
        })
    }
}

/// Every change between two models, in a deterministic order: operations before types, then by
/// name, member and kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// What the old and new side are, for the report's heading (file names, `HEAD:spec/…`).
    pub old_label: String,
    pub new_label: String,
    pub changes: Vec<Change>,
}

impl Report {
    /// Names the two sides in the rendered report.
    pub fn with_labels(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.old_label = old.into();
        self.new_label = new.into();
        self
    }

    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.severity == Severity::Breaking)
    }

    pub fn compatible(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.severity == Severity::Compatible)
    }

    pub fn breaking_count(&self) -> usize {
        self.breaking().count()
    }

    pub fn compatible_count(&self) -> usize {
        self.compatible().count()
    }

    pub fn is_breaking(&self) -> bool {
        self.breaking_count() > 0
    }

    pub fn verdict(&self) -> Verdict {
        if self.is_breaking() {
            Verdict::Breaking
        } else if self.changes.is_empty() {
            Verdict::Unchanged
        } else {
            Verdict::Compatible
        }
    }

    /// `3 breaking, 5 compatible changes`.
    pub fn summary(&self) -> String {
        let (b, c) = (self.breaking_count(), self.compatible_count());
        format!("{b} breaking, {c} compatible {}", if b == 0 && c == 1 { "change" } else { "changes" })
    }

    fn sides(&self) -> Option<String> {
        match (self.old_label.is_empty(), self.new_label.is_empty()) {
            (true, true) => None,
            _ => Some(format!("{} → {}", or_dash(&self.old_label), or_dash(&self.new_label))),
        }
    }

    /// The report for people: a summary line, the breaking changes, the compatible ones, each
    /// with the reason for its classification, and the verdict.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        match self.sides() {
            Some(sides) => {
                let _ = writeln!(out, "API changes ({sides}): {}", self.summary());
            }
            None => {
                let _ = writeln!(out, "API changes: {}", self.summary());
            }
        }
        for (severity, title) in [(Severity::Breaking, "Breaking"), (Severity::Compatible, "Compatible")] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.severity == severity).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", changes.len());
            for change in changes {
                let marker = if severity == Severity::Breaking { '!' } else { '+' };
                let _ = writeln!(out, "  {marker} {}: {}", change.location, change.message);
                let _ = writeln!(out, "      {}", change.reason);
            }
        }
        if self.changes.is_empty() {
            let _ = writeln!(out, "\nNo changes to the Rust API.");
        }
        let verdict = self.verdict();
        let _ = writeln!(out, "\nVerdict: {} — {}.", verdict.as_str(), verdict.advice());
        out
    }

    /// The report for tools. Field names are stable: `old`, `new`, `summary`, `breaking`,
    /// `compatible`, `verdict`, `changes` (each with `severity`, `kind`, `target_kind`, `target`,
    /// `member`, `location`, `old`, `new`, `message`, `reason`).
    pub fn to_json(&self) -> Value {
        json!({
            "old": self.old_label,
            "new": self.new_label,
            "summary": self.summary(),
            "breaking": self.breaking_count(),
            "compatible": self.compatible_count(),
            "verdict": self.verdict().as_str(),
            "changes": self.changes.iter().map(Change::to_json).collect::<Vec<_>>(),
        })
    }

    /// The JSON report, pretty-printed, with a final newline.
    pub fn to_json_string(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_json()).unwrap_or_else(|_| "{}".to_owned());
        text.push('\n');
        text
    }

    /// The report as a pull-request comment: a heading with the summary, the verdict, and a table
    /// per severity.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## API changes: {}\n", self.summary());
        let verdict = self.verdict();
        if self.sides().is_some() {
            let _ = write!(out, "Comparing `{}` with `{}`. ", or_dash(&self.old_label), or_dash(&self.new_label));
        }
        let _ = writeln!(out, "Verdict: **{}** — {}.", verdict.as_str(), verdict.advice());
        if self.changes.is_empty() {
            let _ = writeln!(out, "\nNo changes to the Rust API.");
        }
        for (severity, title, why) in [
            (Severity::Breaking, "Breaking changes", "Why it breaks"),
            (Severity::Compatible, "Compatible changes", "Why it is compatible"),
        ] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.severity == severity).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", changes.len());
            let _ = writeln!(out, "| Where | Change | {why} |");
            let _ = writeln!(out, "| --- | --- | --- |");
            for change in changes {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    cell(&change.location),
                    cell(&change.message),
                    cell(&change.reason)
                );
            }
        }
        out
    }
}

fn or_dash(label: &str) -> &str {
    if label.is_empty() {
        "-"
    } else {
        label
    }
}

/// Text that is safe in a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The API change report from `old` to `new`.
pub fn compare(old: &Model, new: &Model) -> Report {
    let (old_api, new_api) = (RustApi::new(old), RustApi::new(new));
    let mut differ = Differ { old, new, old_api, new_api, changes: Vec::new() };
    differ.operations();
    differ.types();
    differ.features();
    let mut changes = differ.changes;
    changes.sort_by(|a, b| {
        (&a.target, a.member.as_deref().unwrap_or(""), a.kind, &a.old, &a.new).cmp(&(
            &b.target,
            b.member.as_deref().unwrap_or(""),
            b.kind,
            &b.old,
            &b.new,
        ))
    });
    changes.dedup();
    Report { old_label: String::new(), new_label: String::new(), changes }
}

impl Differ<'_> {
    /// The Cargo features that compile each type that stays: a crate that enables only a
    /// feature a type leaves no longer has the type.
    fn features(&mut self) {
        let (old_areas, new_areas) = (Areas::new(self.old, &self.old_api), Areas::new(self.new, &self.new_api));
        let old_index: BTreeMap<&str, usize> =
            self.old.types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
        for (i, def) in self.new.types.iter().enumerate() {
            let Some(&j) = old_index.get(def.name.as_str()) else { continue };
            let (before, after) = (old_areas.features_of_type(j), new_areas.features_of_type(i));
            if before == after {
                continue;
            }
            // `other` holds what no operation uses: a type leaving it for an area is expected.
            let lost: Vec<&str> =
                before.iter().copied().filter(|f| !after.contains(f) && *f != crate::areas::OTHER_MODULE).collect();
            let list = |features: &[&str]| features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            let message = format!("compiled under {} (was {})", list(&after), list(&before));
            let d = if lost.is_empty() {
                draft(Compatible, K::FeaturesChanged, def.name.clone(), message, "more features compile it")
            } else {
                let reason = format!("a crate that enables {} but none of the others no longer has it", list(&lost));
                draft(Breaking, K::FeaturesChanged, def.name.clone(), message, reason)
            };
            self.push(Target::Type(def.name.clone()), d);
        }
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) => "string enum",
        TypeKind::IntegerEnum(_) => "integer enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "type alias",
    }
}

fn quoted(values: &[String]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

/// A way two variants (old, new) may be the same variant.
type VariantTest<'f> = &'f dyn Fn(&UnionVariant, &UnionVariant) -> bool;

/// An old variant and the new variant it became (either may be missing).
type VariantPair<'u> = (Option<&'u UnionVariant>, Option<&'u UnionVariant>);

struct Differ<'a> {
    old: &'a Model,
    new: &'a Model,
    /// The generated API of each side: every Rust type the report names is spelled by these.
    old_api: RustApi<'a>,
    new_api: RustApi<'a>,
    changes: Vec<Change>,
}

/// A change being built.
struct Draft {
    severity: Severity,
    kind: ChangeKind,
    member: Option<String>,
    location: String,
    old: Option<String>,
    new: Option<String>,
    message: String,
    reason: String,
}

fn draft(severity: Severity, kind: ChangeKind, location: String, message: String, reason: impl Into<String>) -> Draft {
    Draft { severity, kind, member: None, location, old: None, new: None, message, reason: reason.into() }
}

impl Draft {
    fn member(mut self, member: &str) -> Self {
        self.member = Some(member.to_owned());
        self
    }

    fn types(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }
}

use ChangeKind as K;
use Severity::{Breaking, Compatible};

impl Differ<'_> {
    fn push(&mut self, target: Target, d: Draft) {
        self.changes.push(Change {
            severity: d.severity,
            kind: d.kind,
            target,
            member: d.member,
            location: d.location,
            old: d.old,
            new: d.new,
            message: d.message,
            reason: d.reason,
        });
    }

    // ---- operations ------------------------------------------------------------------------

    fn operations(&mut self) {
        // By wrapper: an operation with several body formats has a wrapper (and an ident) each.
        let old: BTreeMap<&str, &Operation> = self.old.operations.iter().map(|o| (o.ident.as_str(), o)).collect();
        let new: BTreeMap<&str, &Operation> = self.new.operations.iter().map(|o| (o.ident.as_str(), o)).collect();
        for (ident, op) in &old {
            if !new.contains_key(ident) {
                let t = Target::Operation(op.id.clone());
                let loc = format!("operation {}", op.id);
                self.push(
                    t,
                    draft(
                        Breaking,
                        K::OperationRemoved,
                        loc,
                        format!("operation `{} {}` removed", op.method, op.path),
                        "its `Endpoint` implementation and client method are gone",
                    ),
                );
            }
        }
        for (ident, op) in &new {
            match old.get(ident) {
                None => {
                    let t = Target::Operation(op.id.clone());
                    let loc = format!("operation {}", op.id);
                    self.push(
                        t,
                        draft(
                            Compatible,
                            K::OperationAdded,
                            loc,
                            format!("new operation `{} {}`", op.method, op.path),
                            "a new endpoint; nothing that exists changes",
                        ),
                    );
                }
                Some(before) => self.operation(before, op),
            }
        }
    }

    fn request_name(api: &RustApi<'_>, op: &Operation) -> Option<String> {
        op.request_type.clone().or_else(|| op.body.as_ref().map(|b| api.ty(&b.ty)))
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let target = || Target::Operation(n.id.clone());
        let loc = format!("operation {}", n.id);
        if (&o.method, &o.path) != (&n.method, &n.path) {
            self.push(
                target(),
                draft(
                    Compatible,
                    K::OperationEndpointChanged,
                    loc.clone(),
                    format!("now sent as `{} {}` (was `{} {}`)", n.method, n.path, o.method, o.path),
                    "only `Endpoint::METHOD` and `PATH_TEMPLATE` change; code that sends the request is unchanged",
                )
                .types(Some(format!("{} {}", o.method, o.path)), Some(format!("{} {}", n.method, n.path))),
            );
        }
        let (req_o, req_n) = (Self::request_name(&self.old_api, o), Self::request_name(&self.new_api, n));
        if req_o != req_n {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::OperationRequestChanged,
                    loc.clone(),
                    format!(
                        "the request type changed from `{}` to `{}`",
                        req_o.as_deref().unwrap_or("none"),
                        req_n.as_deref().unwrap_or("none")
                    ),
                    "code that builds the request must use the new type",
                )
                .types(req_o, req_n),
            );
        }
        let body_o = o.body.as_ref().map(|b| self.old_api.ty(&b.ty));
        let body_n = n.body.as_ref().map(|b| self.new_api.ty(&b.ty));
        if body_o != body_n && o.request_type.is_some() && n.request_type.is_some() {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::OperationBodyChanged,
                    loc.clone(),
                    format!(
                        "the request body changed from `{}` to `{}`",
                        body_o.as_deref().unwrap_or("none"),
                        body_n.as_deref().unwrap_or("none")
                    ),
                    "the request's `body` field and `new` parameter change type",
                )
                .types(body_o, body_n),
            );
        }
        let resp_o = self.old_api.response_type(&o.response);
        let resp_n = self.new_api.response_type(&n.response);
        if resp_o != resp_n {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::OperationResponseChanged,
                    loc.clone(),
                    format!("the response type changed from `{resp_o}` to `{resp_n}`"),
                    "`Endpoint::Response` changes: code that reads the response must use the new type",
                )
                .types(Some(resp_o), Some(resp_n)),
            );
        }
        if o.sdk_method != n.sdk_method {
            let (a, b) = (o.sdk_method.join("."), n.sdk_method.join("."));
            self.push(
                target(),
                draft(
                    Breaking,
                    K::OperationMethodChanged,
                    loc.clone(),
                    format!("the client method moved from `{a}` to `{b}`"),
                    "code that calls the client's resource method must use the new path",
                )
                .types(Some(a), Some(b)),
            );
        }
        for (location, old_params, new_params) in [
            ("path", &o.path_params, &n.path_params),
            ("query", &o.query_params, &n.query_params),
            ("header", &o.header_params, &n.header_params),
        ] {
            self.params(&n.id, location, old_params, new_params);
        }
    }

    fn params(&mut self, op: &str, location: &str, old: &[Param], new: &[Param]) {
        let target = || Target::Operation(op.to_owned());
        for p in old {
            if !new.iter().any(|q| q.wire == p.wire) {
                let loc = format!("operation {op} {location} parameter `{}`", p.wire);
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::ParameterRemoved,
                        loc,
                        format!("{location} parameter `{}` removed", p.wire),
                        "the request type loses the field (and `new` the parameter, if it was required)",
                    )
                    .member(&p.wire)
                    .types(Some(self.old_api.param_type(p)), None),
                );
            }
        }
        for q in new {
            let loc = format!("operation {op} {location} parameter `{}`", q.wire);
            let ty_n = self.new_api.param_type(q);
            let Some(p) = old.iter().find(|p| p.wire == q.wire) else {
                let (severity, reason) = if q.required {
                    (Breaking, "required: the request's `new` gains a parameter")
                } else {
                    (Compatible, "optional: `None` unless set with its `with_*` method")
                };
                self.push(
                    target(),
                    draft(severity, K::ParameterAdded, loc, format!("new {location} parameter `{}`", q.wire), reason)
                        .member(&q.wire)
                        .types(None, Some(ty_n)),
                );
                continue;
            };
            let ty_o = self.old_api.param_type(p);
            if p.ident != q.ident {
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::ParameterRenamed,
                        loc.clone(),
                        format!("the Rust field is now `{}` (was `{}`)", q.ident, p.ident),
                        "code that uses the field or its setter must use the new name",
                    )
                    .member(&q.wire),
                );
            }
            if self.old_api.ty(&p.ty) != self.new_api.ty(&q.ty) {
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::ParameterTypeChanged,
                        loc.clone(),
                        format!("type changed from `{ty_o}` to `{ty_n}`"),
                        "code that sets or reads the parameter must use the new type",
                    )
                    .member(&q.wire)
                    .types(Some(ty_o.clone()), Some(ty_n.clone())),
                );
            }
            if p.required != q.required {
                let (message, reason) = if q.required {
                    (
                        "changed from optional to required",
                        "the request's `new` gains a parameter and the field is no longer an `Option`",
                    )
                } else {
                    (
                        "changed from required to optional",
                        "the request's `new` loses the parameter and the field becomes an `Option`",
                    )
                };
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::ParameterOptionalityChanged,
                        loc,
                        format!("{message} (`{ty_o}` → `{ty_n}`)"),
                        reason,
                    )
                    .member(&q.wire)
                    .types(Some(ty_o), Some(ty_n)),
                );
            }
        }
    }

    // ---- types -------------------------------------------------------------------------------

    fn types(&mut self) {
        let old: BTreeMap<&str, (usize, &TypeDef)> =
            self.old.types.iter().enumerate().map(|(i, d)| (d.name.as_str(), (i, d))).collect();
        let new: BTreeMap<&str, (usize, &TypeDef)> =
            self.new.types.iter().enumerate().map(|(i, d)| (d.name.as_str(), (i, d))).collect();
        for (name, (_, def)) in &old {
            if !new.contains_key(name) {
                self.push(
                    Target::Type((*name).to_owned()),
                    draft(
                        Breaking,
                        K::TypeRemoved,
                        (*name).to_owned(),
                        format!("{} `{name}` removed", kind_name(&def.kind)),
                        "code that names the type no longer compiles",
                    ),
                );
            }
        }
        for (name, (_, def)) in &new {
            let Some((_, before)) = old.get(name) else {
                self.push(
                    Target::Type((*name).to_owned()),
                    draft(
                        Compatible,
                        K::TypeAdded,
                        (*name).to_owned(),
                        format!("new {} `{name}`", kind_name(&def.kind)),
                        "a new type; nothing that exists changes",
                    ),
                );
                continue;
            };
            self.type_def(name, before, def);
        }
    }

    fn type_def(&mut self, name: &str, o: &TypeDef, n: &TypeDef) {
        match (&o.kind, &n.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => self.structs(name, a, b),
            (TypeKind::Union(a), TypeKind::Union(b)) => self.unions(name, a, b),
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                let old: Vec<(String, String)> = a.variants.iter().map(|v| (v.wire.clone(), v.ident.clone())).collect();
                let new: Vec<(String, String)> = b.variants.iter().map(|v| (v.wire.clone(), v.ident.clone())).collect();
                self.enum_values(name, &old, &new, true);
                self.fallback(name, Some(a.fallback.as_str()), Some(b.fallback.as_str()));
            }
            (TypeKind::IntegerEnum(a), TypeKind::IntegerEnum(b)) => {
                let old: Vec<(String, String)> = a.variants.iter().map(|(i, v)| (v.to_string(), i.clone())).collect();
                let new: Vec<(String, String)> = b.variants.iter().map(|(i, v)| (v.to_string(), i.clone())).collect();
                self.enum_values(name, &old, &new, false);
                self.fallback(name, Some(a.fallback.as_str()), Some(b.fallback.as_str()));
            }
            (TypeKind::Alias(a), TypeKind::Alias(b)) => {
                let (ta, tb) = (self.old_api.ty(a), self.new_api.ty(b));
                if ta != tb {
                    self.push(
                        Target::Type(name.to_owned()),
                        draft(
                            Breaking,
                            K::AliasChanged,
                            name.to_owned(),
                            format!("`type {name}` is now `{tb}` (was `{ta}`)"),
                            "code that uses values of the alias must use the new type",
                        )
                        .types(Some(ta), Some(tb)),
                    );
                }
            }
            (a, b) => {
                let (ka, kb) = (kind_name(a), kind_name(b));
                self.push(
                    Target::Type(name.to_owned()),
                    draft(
                        Breaking,
                        K::TypeKindChanged,
                        name.to_owned(),
                        format!("`{name}` changed from a {ka} to a {kb}"),
                        "code that builds or matches values of the type must be rewritten",
                    )
                    .types(Some(ka.to_owned()), Some(kb.to_owned())),
                );
            }
        }
    }

    fn structs(&mut self, name: &str, o: &Struct, n: &Struct) {
        let target = || Target::Type(name.to_owned());
        for f in &o.fields {
            if !n.fields.iter().any(|g| g.wire == f.wire) {
                let now_constant = n.constants.iter().any(|c| c.wire == f.wire);
                let reason = if now_constant {
                    "it became a constant the type fills in; code that sets or reads the field no longer compiles"
                } else {
                    "code that sets or reads the field (or passes it to `new`) no longer compiles"
                };
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::FieldRemoved,
                        format!("{name}.{}", f.wire),
                        format!("field `{}` removed", f.wire),
                        reason,
                    )
                    .member(&f.wire)
                    .types(Some(self.old_api.field_type(f)), None),
                );
            }
        }
        for g in &n.fields {
            let loc = format!("{name}.{}", g.wire);
            let ty_n = self.new_api.field_type(g);
            let Some(f) = o.fields.iter().find(|f| f.wire == g.wire) else {
                let (severity, message, reason) = if self.new_api.in_constructor(g) {
                    (
                        Breaking,
                        format!("new required field `{}: {ty_n}`", g.wire),
                        "required: `new` gains a parameter, so existing `new(…)` calls no longer compile",
                    )
                } else if g.required {
                    (
                        Compatible,
                        format!("new required field `{}: {ty_n}` that may be null", g.wire),
                        "`null` until set with its `with_*` method; `new` does not change and the struct is `#[non_exhaustive]`",
                    )
                } else {
                    (
                        Compatible,
                        format!("new optional field `{}: {ty_n}`", g.wire),
                        "optional: empty unless set with its `with_*` method; the struct is `#[non_exhaustive]`",
                    )
                };
                self.push(
                    target(),
                    draft(severity, K::FieldAdded, loc, message, reason).member(&g.wire).types(None, Some(ty_n)),
                );
                continue;
            };
            let ty_o = self.old_api.field_type(f);
            if f.ident != g.ident {
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::FieldRenamed,
                        loc.clone(),
                        format!("the Rust field is now `{}` (was `{}`)", g.ident, f.ident),
                        "code that uses the field or its setter must use the new name",
                    )
                    .member(&g.wire),
                );
            }
            let (base_o, base_n) = (self.old_api.ty(&f.ty), self.new_api.ty(&g.ty));
            if base_o != base_n {
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::FieldTypeChanged,
                        loc.clone(),
                        format!("type changed from `{ty_o}` to `{ty_n}`"),
                        "code that sets or reads the field must use the new type",
                    )
                    .member(&g.wire)
                    .types(Some(ty_o.clone()), Some(ty_n.clone())),
                );
            }
            if f.required != g.required {
                let (message, reason) = if g.required {
                    (
                        format!("changed from optional to required (`{ty_o}` → `{ty_n}`)"),
                        format!("`new` gains a parameter and the field's Rust type changes from `{ty_o}` to `{ty_n}`: code that calls `new` or reads the field must change"),
                    )
                } else {
                    (
                        format!("changed from required to optional (`{ty_o}` → `{ty_n}`)"),
                        format!("the field's Rust type changes from `{ty_o}` to `{ty_n}` and `new` no longer takes it: code that reads the field or calls `new` must change"),
                    )
                };
                self.push(
                    target(),
                    draft(Breaking, K::FieldOptionalityChanged, loc.clone(), message, reason)
                        .member(&g.wire)
                        .types(Some(ty_o.clone()), Some(ty_n.clone())),
                );
            }
            if f.nullable != g.nullable {
                let what = if g.nullable { "now accepts null" } else { "no longer accepts null" };
                let constructor_changed = self.old_api.in_constructor(f) != self.new_api.in_constructor(g);
                let (severity, reason) = if ty_o != ty_n {
                    (Breaking, "the field's Rust type changes: code that sets or reads it must change")
                } else if constructor_changed {
                    (
                        Breaking,
                        "the Rust type stays, but `new` gains or loses the parameter: `new(…)` calls must change",
                    )
                } else {
                    (Compatible, "the field's Rust type does not change")
                };
                self.push(
                    target(),
                    draft(severity, K::FieldNullabilityChanged, loc, format!("{what} (`{ty_o}` → `{ty_n}`)"), reason)
                        .member(&g.wire)
                        .types(Some(ty_o), Some(ty_n)),
                );
            }
        }
        self.constants(name, &o.constants, &n.constants);
    }

    fn constants(&mut self, name: &str, old: &[Constant], new: &[Constant]) {
        let target = || Target::Type(name.to_owned());
        for c in old {
            if !new.iter().any(|d| d.wire == c.wire) {
                self.push(
                    target(),
                    draft(
                        Compatible,
                        K::ConstantRemoved,
                        format!("{name}.{}", c.wire),
                        format!("constant `{}` = `{}` is no longer written", c.wire, c.value),
                        "constants are not part of the Rust API (a field that replaces it is listed separately)",
                    )
                    .member(&c.wire)
                    .types(Some(c.value.to_string()), None),
                );
            }
        }
        for d in new {
            let loc = format!("{name}.{}", d.wire);
            match old.iter().find(|c| c.wire == d.wire) {
                None => self.push(
                    target(),
                    draft(
                        Compatible,
                        K::ConstantAdded,
                        loc,
                        format!("now always written with `{}` = `{}`", d.wire, d.value),
                        "the type fills the value in; no Rust code changes (a field it replaces is listed separately)",
                    )
                    .member(&d.wire)
                    .types(None, Some(d.value.to_string())),
                ),
                Some(c) if c.value != d.value => self.push(
                    target(),
                    draft(
                        Breaking,
                        K::ConstantChanged,
                        loc,
                        format!("constant `{}` changed from `{}` to `{}`", d.wire, c.value, d.value),
                        "values with the old constant are rejected when read, and requests carry the new one",
                    )
                    .member(&d.wire)
                    .types(Some(c.value.to_string()), Some(d.value.to_string())),
                ),
                Some(_) => {}
            }
        }
    }

    /// Pairs the variants of two versions of a union: by tag values when they have them, else by
    /// name. Among variants that share a tag value, one with the same name pairs first, then one
    /// with the same type, then any (a renamed variant).
    fn match_variants<'u>(&self, o: &'u Union, n: &'u Union) -> Vec<VariantPair<'u>> {
        let shares = |w: &UnionVariant, v: &UnionVariant| w.tag_values.iter().any(|t| v.tag_values.contains(t));
        let same_type = |w: &UnionVariant, v: &UnionVariant| self.old_api.ty(&w.ty) == self.new_api.ty(&v.ty);
        let untagged = |w: &UnionVariant, v: &UnionVariant| w.tag_values.is_empty() || v.tag_values.is_empty();
        let passes: [VariantTest<'_>; 4] = [
            &|w, v| shares(w, v) && w.ident == v.ident,
            &|w, v| shares(w, v) && same_type(w, v),
            &|w, v| shares(w, v),
            &|w, v| untagged(w, v) && w.ident == v.ident,
        ];
        let mut old_used = vec![false; o.variants.len()];
        let mut new_match: Vec<Option<usize>> = vec![None; n.variants.len()];
        for pass in passes {
            for (j, v) in n.variants.iter().enumerate() {
                if new_match.get(j).copied().flatten().is_some() {
                    continue;
                }
                let found = o
                    .variants
                    .iter()
                    .enumerate()
                    .find(|(i, w)| !old_used.get(*i).copied().unwrap_or(true) && pass(w, v))
                    .map(|(i, _)| i);
                if let (Some(i), Some(slot)) = (found, new_match.get_mut(j)) {
                    *slot = Some(i);
                    if let Some(used) = old_used.get_mut(i) {
                        *used = true;
                    }
                }
            }
        }
        let mut pairs: Vec<_> =
            n.variants.iter().zip(&new_match).map(|(v, m)| (m.and_then(|i| o.variants.get(i)), Some(v))).collect();
        for (w, used) in o.variants.iter().zip(&old_used) {
            if !used {
                pairs.push((Some(w), None));
            }
        }
        pairs
    }

    fn unions(&mut self, name: &str, o: &Union, n: &Union) {
        let target = || Target::Type(name.to_owned());
        if o.tag != n.tag {
            let (a, b) = (
                o.tag.clone().unwrap_or_else(|| "none".to_owned()),
                n.tag.clone().unwrap_or_else(|| "none".to_owned()),
            );
            self.push(
                target(),
                draft(
                    Breaking,
                    K::UnionTagChanged,
                    name.to_owned(),
                    format!("variants are now told apart by `{b}` (was `{a}`)"),
                    "values are dispatched to variants differently",
                )
                .types(Some(a), Some(b)),
            );
        }
        let tag = n.tag.as_deref().or(o.tag.as_deref()).unwrap_or("type");
        let fallback = Some(n.fallback());
        for pair in self.match_variants(o, n) {
            match pair {
                (Some(w), None) => {
                    let ty = self.old_api.ty(&w.ty);
                    let tags = if w.tag_values.is_empty() {
                        String::new()
                    } else {
                        format!(" (`{tag}` = {})", quoted(&w.tag_values))
                    };
                    let reason = match fallback {
                        Some(f) if !w.tag_values.is_empty() => format!(
                            "code that matches or builds `{name}::{}` no longer compiles (such objects are now kept in `{name}::{f}`)",
                            w.ident
                        ),
                        _ => format!("code that matches or builds `{name}::{}` no longer compiles", w.ident),
                    };
                    self.push(
                        target(),
                        draft(
                            Breaking,
                            K::VariantRemoved,
                            format!("{name}::{}", w.ident),
                            format!("variant `{}({ty})`{tags} removed", w.ident),
                            reason,
                        )
                        .member(&w.ident)
                        .types(Some(format!("{}({ty})", w.ident)), None),
                    );
                }
                (None, Some(v)) => {
                    let ty = self.new_api.ty(&v.ty);
                    let (tags, reason) = match (fallback, v.tag_values.is_empty()) {
                        (Some(f), false) => (
                            format!(" for `{tag}` = {}", quoted(&v.tag_values)),
                            format!("the union is `#[non_exhaustive]`; such objects were kept in `{name}::{f}` before and now get this variant"),
                        ),
                        _ => (String::new(), "the union is `#[non_exhaustive]`".to_owned()),
                    };
                    self.push(
                        target(),
                        draft(
                            Compatible,
                            K::VariantAdded,
                            format!("{name}::{}", v.ident),
                            format!("new variant `{}({ty})`{tags}", v.ident),
                            reason,
                        )
                        .member(&v.ident)
                        .types(None, Some(format!("{}({ty})", v.ident))),
                    );
                }
                (Some(w), Some(v)) => self.variant(name, tag, fallback, w, v),
                (None, None) => {}
            }
        }
        self.fallback(name, Some(o.fallback()), fallback);
        let conversions = |api: &RustApi<'_>, model: &Model, u: &Union| -> BTreeSet<String> {
            let index = model.types.iter().position(|d| d.name == name).unwrap_or(usize::MAX);
            api.union_conversions(index, u).into_iter().map(|(_, source)| source).collect()
        };
        let (conv_o, conv_n) = (conversions(&self.old_api, self.old, o), conversions(&self.new_api, self.new, n));
        let still_variant_types: BTreeSet<String> =
            n.variants.iter().map(|v| self.new_api.ty_unboxed(self.new.resolve(&v.ty))).collect();
        for lost in conv_o.difference(&conv_n).filter(|t| still_variant_types.contains(*t)) {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::ConversionRemoved,
                    name.to_owned(),
                    format!("`From<{lost}> for {name}` is no longer generated"),
                    "another variant now has the same type, so the conversion would be ambiguous; `.into()` calls no longer compile",
                )
                .member(lost)
                .types(Some(format!("From<{lost}>")), None),
            );
        }
    }

    fn variant(&mut self, name: &str, tag: &str, fallback: Option<&str>, w: &UnionVariant, v: &UnionVariant) {
        let target = || Target::Type(name.to_owned());
        let loc = format!("{name}::{}", v.ident);
        if w.ident != v.ident {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::VariantRenamed,
                    loc.clone(),
                    format!("variant `{}` renamed to `{}`", w.ident, v.ident),
                    "code that matches or builds the variant (or calls its `as_*`/`is_*` methods) must use the new name",
                )
                .member(&v.ident)
                .types(Some(w.ident.clone()), Some(v.ident.clone())),
            );
        }
        let (ta, tb) = (self.old_api.ty(&w.ty), self.new_api.ty(&v.ty));
        if ta != tb {
            self.push(
                target(),
                draft(
                    Breaking,
                    K::VariantTypeChanged,
                    loc.clone(),
                    format!("variant `{}` now holds `{tb}` (was `{ta}`)", v.ident),
                    "code that matches or builds the variant must use the new type",
                )
                .member(&v.ident)
                .types(Some(ta), Some(tb)),
            );
        }
        for value in w.tag_values.iter().filter(|t| !v.tag_values.contains(t)) {
            let reason = match fallback {
                Some(f) => format!("objects with this tag are no longer this variant (they are kept in `{name}::{f}`)"),
                None => "objects with this tag are no longer this variant".to_owned(),
            };
            self.push(
                target(),
                draft(
                    Breaking,
                    K::VariantTagValueRemoved,
                    loc.clone(),
                    format!("no longer selected by `{tag}` = \"{value}\""),
                    reason,
                )
                .member(&v.ident)
                .types(Some(value.clone()), None),
            );
        }
        for value in v.tag_values.iter().filter(|t| !w.tag_values.contains(t)) {
            self.push(
                target(),
                draft(
                    Compatible,
                    K::VariantTagValueAdded,
                    loc.clone(),
                    format!("now also selected by `{tag}` = \"{value}\""),
                    "objects with this tag were unknown before and now get this variant",
                )
                .member(&v.ident)
                .types(None, Some(value.clone())),
            );
        }
    }

    fn fallback(&mut self, name: &str, old: Option<&str>, new: Option<&str>) {
        if let (Some(a), Some(b)) = (old, new) {
            if a != b {
                self.push(
                    Target::Type(name.to_owned()),
                    draft(
                        Breaking,
                        K::FallbackRenamed,
                        format!("{name}::{b}"),
                        format!("the variant for unknown values is now `{b}` (was `{a}`)"),
                        "a new value took the old fallback's name; code that matches the fallback must use the new name",
                    )
                    .member(b)
                    .types(Some(a.to_owned()), Some(b.to_owned())),
                );
            }
        }
    }

    /// Enum values as (value, variant name), compared by value.
    fn enum_values(&mut self, name: &str, old: &[(String, String)], new: &[(String, String)], strings: bool) {
        let target = || Target::Type(name.to_owned());
        let show = |v: &str| if strings { format!("\"{v}\"") } else { v.to_owned() };
        for (value, ident) in old {
            if !new.iter().any(|(v, _)| v == value) {
                self.push(
                    target(),
                    draft(
                        Breaking,
                        K::EnumValueRemoved,
                        format!("{name}::{ident}"),
                        format!("value {} (`{name}::{ident}`) removed", show(value)),
                        "code that uses the variant no longer compiles (the value is now kept in the fallback variant)",
                    )
                    .member(value)
                    .types(Some(ident.clone()), None),
                );
            }
        }
        for (value, ident) in new {
            match old.iter().find(|(v, _)| v == value) {
                None => self.push(
                    target(),
                    draft(
                        Compatible,
                        K::EnumValueAdded,
                        format!("{name}::{ident}"),
                        format!("new value {} (`{name}::{ident}`)", show(value)),
                        "the enum is `#[non_exhaustive]`; the value was kept in its fallback variant before",
                    )
                    .member(value)
                    .types(None, Some(ident.clone())),
                ),
                Some((_, before)) if before != ident => self.push(
                    target(),
                    draft(
                        Breaking,
                        K::EnumValueRenamed,
                        format!("{name}::{ident}"),
                        format!("value {} is now `{name}::{ident}` (was `{before}`)", show(value)),
                        "code that uses the variant must use the new name",
                    )
                    .member(value)
                    .types(Some(before.clone()), Some(ident.clone())),
                ),
                Some(_) => {}
            }
        }
    }
}

// ---- per-type snapshots ---------------------------------------------------------------------

/// Where the per-type snapshots of `openai-types` live, relative to the workspace root.
pub const TYPE_SNAPSHOT_DIR: &str = "codegen/tests/snapshots/types";

/// Where the generated module of `openai-types` lives, relative to the workspace root.
pub const GENERATED_DIR: &str = "openai-types/src/generated";

/// The test that checks the snapshots (named in each file, as insta does).
const SNAPSHOT_SOURCE: &str = "codegen/tests/type_snapshots.rs";

/// A snapshot file in insta's format: a metadata header, then the type's source.
pub fn snapshot_contents(type_name: &str, source: &str) -> String {
    format!(
        "---\nsource: {SNAPSHOT_SOURCE}\ndescription: the public API of {type_name}, generated from spec/openapi.yaml by cargo xtask codegen\nexpression: {type_name}\n---\n{}\n",
        source.trim_end()
    )
}

/// The snapshot files of a set of types: `<Type>.snap` each (made distinct for file systems that
/// ignore case), and the generator's marker so `cargo xtask codegen` may replace the directory.
pub fn type_snapshot_files(types: &[(String, String)]) -> Vec<OutputFile> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut files = Vec::with_capacity(types.len() + 1);
    for (name, source) in types {
        let mut file = format!("{name}.snap");
        let mut n = 2;
        while !taken.insert(file.to_lowercase()) {
            file = format!("{name}~{n}.snap");
            n += 1;
        }
        files.push(OutputFile { path: PathBuf::from(file), contents: snapshot_contents(name, source) });
    }
    files.push(OutputFile {
        path: PathBuf::from(MARKER),
        contents: "Per-type snapshots of openai-types, written by `cargo xtask codegen`; checked by codegen/tests/type_snapshots.rs.\n"
            .to_owned(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Whether a path is a pending insta snapshot (`.snap.new`): never checked-in output.
pub fn is_pending_snapshot(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".snap.new")
}

/// Like [`write::diff`], but pending snapshots (`*.snap.new`, git-ignored) do not count.
pub fn output_diff(dir: &Path, files: &[OutputFile]) -> Result<Changes> {
    let mut changes = write::diff(dir, files)?;
    changes.removed.retain(|p| !is_pending_snapshot(p));
    Ok(changes)
}

/// The type a snapshot file is of (`ResponseInputItem.snap` → `ResponseInputItem`).
pub fn snapshot_type_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.strip_suffix(".snap")?;
    Some(name.split('~').next().unwrap_or(name).to_owned())
}

/// Types added, changed and removed, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeChanges {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl TypeChanges {
    /// From what writing the snapshot directory changes.
    pub fn from_snapshot_changes(changes: &Changes) -> Self {
        let names = |paths: &[PathBuf]| -> Vec<String> {
            let mut names: Vec<String> = paths.iter().filter_map(|p| snapshot_type_name(p)).collect();
            names.sort();
            names
        };
        TypeChanges { added: names(&changes.added), changed: names(&changes.changed), removed: names(&changes.removed) }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// `types: 3 added, 2 changed, 1 removed`.
    pub fn summary(&self) -> String {
        format!("types: {} added, {} changed, {} removed", self.added.len(), self.changed.len(), self.removed.len())
    }

    /// One line per non-empty group, at most `limit` names each.
    pub fn lines(&self, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        for (label, names) in [("added", &self.added), ("changed", &self.changed), ("removed", &self.removed)] {
            if names.is_empty() {
                continue;
            }
            let shown: Vec<&str> = names.iter().take(limit).map(String::as_str).collect();
            let more = names.len().saturating_sub(limit);
            let tail = if more > 0 { format!(", and {more} more") } else { String::new() };
            out.push(format!("  {label}: {}{tail}", shown.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(spec: &str) -> Model {
        match crate::generate(spec, &crate::Options::default()) {
            Ok(g) => g.model,
            Err(e) => panic!("{e}"),
        }
    }

    fn spec(schemas: &str) -> String {
        format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
    }

    #[test]
    fn identical_models_have_no_changes() {
        let s = spec("    A:\n      type: object\n      properties:\n        x: {type: string}\n");
        let report = compare(&model(&s), &model(&s));
        assert!(report.changes.is_empty());
        assert_eq!(report.verdict(), Verdict::Unchanged);
        assert_eq!(report.summary(), "0 breaking, 0 compatible changes");
    }

    #[test]
    fn required_field_added_is_breaking_optional_is_not() {
        let a = spec("    A:\n      type: object\n      properties:\n        x: {type: string}\n");
        let b = spec(
            "    A:\n      type: object\n      properties:\n        x: {type: string}\n        y: {type: string}\n        z: {type: integer}\n      required: [y]\n",
        );
        let report = compare(&model(&a), &model(&b));
        let kinds: Vec<(&str, Severity)> =
            report.changes.iter().map(|c| (c.member.as_deref().unwrap_or(""), c.severity)).collect();
        assert_eq!(kinds, [("y", Severity::Breaking), ("z", Severity::Compatible)]);
    }

    #[test]
    fn nullability_that_keeps_the_rust_type_still_breaks_new() {
        // `serde_json::Value` holds `null` itself, so the field's type stays; but a required field
        // that may be null is no parameter of `new`, so `new(…)` calls change.
        let a = spec("    A:\n      type: object\n      properties:\n        x: {}\n      required: [x]\n");
        let b =
            spec("    A:\n      type: object\n      properties:\n        x: {nullable: true}\n      required: [x]\n");
        let report = compare(&model(&a), &model(&b));
        assert_eq!(report.changes.len(), 1, "{report:?}");
        assert_eq!(report.changes[0].severity, Severity::Breaking);
        assert_eq!(report.changes[0].old, report.changes[0].new, "the Rust type stays");
        assert!(report.changes[0].reason.contains("`new`"), "{report:?}");
    }
}

//! The benchmark crate of openai-types (see `BENCHMARKS.md` at the repository root): the
//! deterministic input generators, the synthetic-spec builder and the measuring helpers shared by
//! the criterion benches (`benches/`) and the bench binaries (`src/bin/`).

pub mod alloc;
pub mod clock;
pub mod complete;
pub mod inputs;
pub mod json;
pub mod synth;

/// The documents of the serde benchmark, generated once.
pub struct Documents {
    /// A compacted response with about 1,000 output items.
    pub compacted_response: String,
    /// An input token count request with about 1,000 input items and a dozen tools.
    pub input_token_count_params: String,
}

/// The `--runs N` argument of the timing binaries (default 25): how many measurements they take
/// the minimum of.
pub fn runs_arg(args: &[String]) -> usize {
    args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(25)
}

/// How many items the serde documents hold.
pub const ITEMS: usize = 1_000;

impl Documents {
    pub fn generate() -> Self {
        Documents {
            compacted_response: inputs::compacted_response(ITEMS),
            input_token_count_params: inputs::input_token_count_params(ITEMS),
        }
    }
}

/// Parses both documents with both crates; `Err` says which one failed and why. The benches call
/// it before timing anything, so a row never compares a success with an early error.
pub fn check_both_parse(docs: &Documents) -> Result<(), String> {
    let cr = &docs.compacted_response;
    let ours: openai_types::CompactedResponse =
        serde_json::from_str(cr).map_err(|e| format!("openai-types CompactedResponse: {e}"))?;
    let theirs: async_openai::types::responses::CompactResource =
        serde_json::from_str(cr).map_err(|e| format!("async-openai CompactResource: {e}"))?;
    if ours.output.len() != theirs.output.len() {
        return Err(format!("output lengths differ: {} vs {}", ours.output.len(), theirs.output.len()));
    }
    let unknown = ours.output.iter().filter(|i| i.variant_name() == "Unknown").count();
    if unknown != 0 {
        return Err(format!("openai-types kept {unknown} output items as Unknown"));
    }
    let tc = &docs.input_token_count_params;
    let ours: openai_types::InputTokenCountParams =
        serde_json::from_str(tc).map_err(|e| format!("openai-types InputTokenCountParams: {e}"))?;
    let theirs: async_openai::types::responses::TokenCountsBody =
        serde_json::from_str(tc).map_err(|e| format!("async-openai TokenCountsBody: {e}"))?;
    // Both must serialize back, too.
    serde_json::to_string(&ours).map_err(|e| format!("openai-types serialize: {e}"))?;
    serde_json::to_string(&theirs).map_err(|e| format!("async-openai serialize: {e}"))?;
    Ok(())
}

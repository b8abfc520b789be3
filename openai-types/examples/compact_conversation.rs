//! `POST /responses/compact`: shrinks a long exchange into a compacted window, then continues
//! from it: the compacted output, followed by the next user message, is the next request's input
//! (here counted with `POST /responses/input_tokens`, which takes the same input as
//! `POST /responses`).
//!
//! Reads `OPENAI_API_KEY` (required) and `OPENAI_BASE_URL` (optional, default
//! `https://api.openai.com/v1`), plus `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` if set:
//!
//! ```sh
//! OPENAI_API_KEY=sk-... cargo run -p openai-types --features reqwest --example compact_conversation
//! ```

use std::process::ExitCode;

use openai_types::{
    ApiError, Client, CompactedResponse, EasyInputMessage, InputTokenCountParams, ResponseCompactParams,
    ResponseInputItem,
};

mod support;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    support::run(compact_conversation).await
}

/// What the example did: the compacted response, and the input tokens of the request that
/// continues after it.
#[derive(Debug)]
pub struct Continued {
    pub compacted: CompactedResponse,
    pub next_input: Vec<ResponseInputItem>,
    pub next_input_tokens: i64,
}

/// Compacts an exchange, then counts the tokens of the request that continues it.
pub async fn compact_conversation(client: &Client) -> Result<Continued, ApiError> {
    let exchange = [
        EasyInputMessage::user("Plan a three-day trip to Lisbon for me."),
        EasyInputMessage::assistant(
            "Day 1: Alfama and the castle. Day 2: Belém and the LX Factory. Day 3: a day trip to Sintra.",
        ),
        EasyInputMessage::user("Swap days 2 and 3, and add a good place for dinner each day."),
    ];
    let compact =
        ResponseCompactParams::new("gpt-5").with_instructions("You are a travel planner.").with_input(exchange);
    let compacted = client.responses().compact(&compact).await?;
    println!(
        "compacted into {} ({} items, {} tokens used)",
        compacted.id,
        compacted.output.len(),
        compacted.usage.total_tokens
    );
    for item in &compacted.output {
        println!("  {}", item.variant_name());
    }

    // The compacted history is the start of the next request's input.
    let mut next_input = compacted.output_as_input();
    next_input.push(ResponseInputItem::user("Which of those restaurants need a booking?"));
    let next = InputTokenCountParams::new()
        .with_model("gpt-5")
        .with_instructions("You are a travel planner.")
        .with_input(next_input.clone());
    let count = client.responses().input_tokens().count(&next).await?;
    println!("the next request starts with {} input tokens", count.input_tokens);
    Ok(Continued { compacted, next_input, next_input_tokens: count.input_tokens })
}

//! `POST /responses/input_tokens`: counts the input tokens of a request before sending it, here
//! one with instructions, a short exchange of messages and a function tool.
//!
//! Reads `OPENAI_API_KEY` (required) and `OPENAI_BASE_URL` (optional, default
//! `https://api.openai.com/v1`), plus `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` if set:
//!
//! ```sh
//! OPENAI_API_KEY=sk-... cargo run -p openai-types --features reqwest --example count_input_tokens
//! ```

use std::process::ExitCode;

use openai_types::{ApiError, Client, EasyInputMessage, FunctionTool, InputTokenCountParams, InputTokenCountResponse};
use serde_json::json;

mod support;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    support::run(count_input_tokens).await
}

/// Counts the tokens and prints the count.
pub async fn count_input_tokens(client: &Client) -> Result<InputTokenCountResponse, ApiError> {
    // `parameters` is free-form JSON: `json!` goes in as it is.
    let get_weather = FunctionTool::new("get_weather")
        .with_parameters(json!({
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "The city, e.g. Lisbon"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
            },
            "required": ["city", "unit"],
            "additionalProperties": false
        }))
        .with_strict(true)
        .with_description("Get the current weather in a city.");

    let params = InputTokenCountParams::new()
        .with_model("gpt-5")
        .with_instructions("You are a concise weather assistant. Use the tools you have.")
        // Input items: an array (or `Vec`) of anything that converts into one.
        .with_input([
            EasyInputMessage::user("What's the weather like in Lisbon?"),
            EasyInputMessage::assistant("Do you want it in celsius or fahrenheit?"),
            EasyInputMessage::user("Celsius, please."),
        ])
        .with_tools([get_weather]);
    let count = client.responses().input_tokens().count(&params).await?;
    println!("input tokens: {}", count.input_tokens);
    Ok(count)
}

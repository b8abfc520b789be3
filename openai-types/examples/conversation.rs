//! Creates a conversation and counts the input tokens of a request in it.
//!
//! Reads `OPENAI_API_KEY` (required) and `OPENAI_BASE_URL` (optional, default
//! `https://api.openai.com/v1`), plus `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` if set:
//!
//! ```sh
//! OPENAI_API_KEY=sk-... cargo run -p openai-types --features reqwest --example conversation
//! ```

use std::process::ExitCode;

use openai_types::api::Redactor;
use openai_types::{ApiError, Client, ConversationCreateParams, InputTokenCountParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(request_id) = error.request_id() {
                eprintln!("request id: {request_id}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), ApiError> {
    let client = Client::from_env()?;
    // Without the credentials a proxy URL may hold (`http://user:pw@…`).
    println!("base URL: {}", Redactor::new().redact(client.config().base_url()));

    let create = ConversationCreateParams::new().with_metadata([("example", "openai-types")]);
    let conversation = client.send(&create).await?;
    println!("created conversation {} (created_at {})", conversation.id, conversation.created_at);
    println!("metadata: {}", conversation.metadata);

    let count = InputTokenCountParams::new()
        .with_model("gpt-5")
        .with_conversation(conversation.id.as_str())
        .with_input("Tell me a three-sentence story about a lighthouse.");
    let tokens = client.send(&count).await?;
    println!("input tokens: {}", tokens.input_tokens);
    Ok(())
}

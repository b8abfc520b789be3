//! `POST /conversations`: creates a conversation that starts with a user message and carries
//! metadata, as the reference page's example does.
//!
//! Reads `OPENAI_API_KEY` (required) and `OPENAI_BASE_URL` (optional, default
//! `https://api.openai.com/v1`), plus `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` if set:
//!
//! ```sh
//! OPENAI_API_KEY=sk-... cargo run -p openai-types --features reqwest --example create_conversation
//! ```

use std::process::ExitCode;

use openai_types::{ApiError, Client, Conversation, ConversationCreateParams, EasyInputMessage};

mod support;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    support::run(create_conversation).await
}

/// Creates the conversation and prints what the API answered.
pub async fn create_conversation(client: &Client) -> Result<Conversation, ApiError> {
    let params = ConversationCreateParams::new()
        .with_metadata([("topic", "demo")])
        // `type: "message"` is optional for this item; sent here as on the reference page.
        .with_items([EasyInputMessage::user("Hello!").with_type("message")]);
    let conversation = client.conversations().create(&params).await?;
    println!("created conversation {} at {}", conversation.id, conversation.created_at);
    // The metadata comes back as the map the request set.
    if let Some(topic) = conversation.metadata.as_ref().and_then(|metadata| metadata.get("topic")) {
        println!("topic: {topic}");
    }
    Ok(conversation)
}

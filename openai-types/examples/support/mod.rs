//! What every example's `main` does around its API calls: make the client from the environment,
//! and on failure print what an `ApiError` tells about it.

use std::process::ExitCode;

use openai_types::api::Redactor;
use openai_types::{ApiError, Client};

/// Runs `example` with the client `Client::from_env()` makes (`OPENAI_API_KEY`, optional
/// `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`), and turns its result into the exit
/// code.
pub async fn run<T>(example: impl AsyncFn(&Client) -> Result<T, ApiError>) -> ExitCode {
    let result = match Client::from_env() {
        Ok(client) => {
            // Without the credentials a proxy URL may hold (`http://user:pw@…`).
            println!("base URL: {}", Redactor::new().redact(client.config().base_url()));
            example(&client).await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::FAILURE
        }
    }
}

/// Prints an error the way a support request needs it: the message, the HTTP status, the
/// request id OpenAI can look up, and whether sending the same request again may succeed (the
/// client has already retried such errors as often as it was set to).
fn report(error: &ApiError) {
    eprintln!("error: {error}");
    if let Some(status) = error.status() {
        eprintln!("status: {status}");
    }
    if let Some(request_id) = error.request_id() {
        eprintln!("request id: {request_id}");
    }
    if error.is_retryable() {
        eprintln!("retryable: the request may succeed later");
    }
}

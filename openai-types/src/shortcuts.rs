//! Shortcuts for what users write most, beside the generated constructors: a message by its role
//! (`EasyInputMessage::user("Hi")`) instead of a role spelled as a string, which compiles even
//! when misspelled (`"usr"` is a valid, unknown role).

use crate::{CompactedResponse, EasyInputMessage, EasyInputMessageContent, EasyInputMessageRole, ResponseInputItem};

impl EasyInputMessage {
    /// A message from the user.
    ///
    /// ```
    /// let message = openai_types::EasyInputMessage::user("Hello!");
    /// assert_eq!(serde_json::to_value(&message)?, serde_json::json!({"content": "Hello!", "role": "user"}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn user(content: impl Into<EasyInputMessageContent>) -> Self {
        Self::new(content, EasyInputMessageRole::User)
    }

    /// A message from the assistant (an earlier answer, sent back as context).
    pub fn assistant(content: impl Into<EasyInputMessageContent>) -> Self {
        Self::new(content, EasyInputMessageRole::Assistant)
    }

    /// Instructions with the `system` role.
    pub fn system(content: impl Into<EasyInputMessageContent>) -> Self {
        Self::new(content, EasyInputMessageRole::System)
    }

    /// Instructions with the `developer` role, which take precedence over the user's.
    pub fn developer(content: impl Into<EasyInputMessageContent>) -> Self {
        Self::new(content, EasyInputMessageRole::Developer)
    }
}

impl CompactedResponse {
    /// The compacted history as input items, to continue the conversation in the next request
    /// (append the new messages and send them as its input).
    ///
    /// The API takes its own output items as input; each is converted through its JSON, so
    /// nothing is lost: fields an input type does not declare (a message's `id` and `status`)
    /// are kept in `extra_fields` and sent as they came. An error means an item's JSON fits no
    /// input item of this version of the crate.
    pub fn output_as_input(&self) -> Result<Vec<ResponseInputItem>, serde_json::Error> {
        self.output.iter().map(|item| serde_json::to_value(item).and_then(serde_json::from_value)).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{EasyInputMessage, EasyInputMessageRole};

    #[test]
    fn compacted_output_continues_as_input_unchanged() {
        // `logprobs` is sent, as the reference says it is: a required field left out would be
        // written back as `[]` until presence is tracked (wire fidelity).
        let output = serde_json::json!([
            {"type": "message", "id": "msg_1", "status": "completed", "role": "user",
             "content": [{"type": "input_text", "text": "Plan a trip."}]},
            {"type": "message", "id": "msg_2", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": "Day 1: Alfama.", "annotations": [], "logprobs": []}]},
            {"type": "compaction", "id": "cmp_1", "encrypted_content": "abc"}
        ]);
        let compacted: crate::CompactedResponse = serde_json::from_value(serde_json::json!({
            "id": "resp_1", "object": "response.compaction", "created_at": 1, "output": output,
            "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2,
                      "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}
        }))
        .expect("reads");
        let input = compacted.output_as_input().expect("every item is an input item");
        assert_eq!(input.len(), 3);
        assert_eq!(serde_json::to_value(&input).expect("writes"), output, "sent as it came");
    }

    #[test]
    fn each_shortcut_sets_its_role() {
        let cases = [
            (EasyInputMessage::user("x"), EasyInputMessageRole::User),
            (EasyInputMessage::assistant("x"), EasyInputMessageRole::Assistant),
            (EasyInputMessage::system("x"), EasyInputMessageRole::System),
            (EasyInputMessage::developer("x"), EasyInputMessageRole::Developer),
        ];
        for (message, role) in cases {
            assert_eq!(message.role, role);
        }
    }
}

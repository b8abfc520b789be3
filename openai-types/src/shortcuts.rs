//! Shortcuts for what users write most, beside the generated constructors: a message by its role
//! (`EasyInputMessage::user("Hi")`) instead of a role spelled as a string, which compiles even
//! when misspelled (`"usr"` is a valid, unknown role).

// Messages and input items are types of both areas; the compacted response is the `responses` area's.
#![cfg(any(feature = "conversations", feature = "responses"))]

#[cfg(feature = "responses")]
use crate::CompactedResponse;
use crate::{EasyInputMessage, EasyInputMessageContent, EasyInputMessageRole, ResponseInputItem};

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

impl ResponseInputItem {
    /// A user message as an input item, for lists of items (`Vec::push` takes no `.into()`).
    ///
    /// ```
    /// let mut input = vec![openai_types::ResponseInputItem::developer("Answer briefly.")];
    /// input.push(openai_types::ResponseInputItem::user("Which museums open on Mondays?"));
    /// assert!(input[1].is_easy_input_message());
    /// ```
    pub fn user(content: impl Into<EasyInputMessageContent>) -> Self {
        EasyInputMessage::user(content).into()
    }

    /// An assistant message as an input item.
    pub fn assistant(content: impl Into<EasyInputMessageContent>) -> Self {
        EasyInputMessage::assistant(content).into()
    }

    /// A `system` message as an input item.
    pub fn system(content: impl Into<EasyInputMessageContent>) -> Self {
        EasyInputMessage::system(content).into()
    }

    /// A `developer` message as an input item.
    pub fn developer(content: impl Into<EasyInputMessageContent>) -> Self {
        EasyInputMessage::developer(content).into()
    }
}

#[cfg(feature = "responses")]
impl CompactedResponse {
    /// The compacted history as input items, to continue the conversation in the next request
    /// (append the new messages and send them as its input).
    ///
    /// The API takes its own output items as input; each becomes the input item of the same
    /// kind, moved where the types are the same and read again from its JSON where not, so
    /// nothing is lost: fields an input type does not declare (a message's `id` and `status`)
    /// are kept in `extra_fields`, and an item of a kind this version of the crate does not take
    /// as input is kept in `ResponseInputItem::Unknown`; all are sent as they came.
    ///
    /// The generated `From<CompactedResponseOutputItem> for ResponseInputItem` does the work, so
    /// `with_input(compacted.output)` takes the items too.
    #[inline]
    pub fn output_as_input(&self) -> Vec<ResponseInputItem> {
        self.output.iter().cloned().map(ResponseInputItem::from).collect()
    }
}

#[cfg(all(test, feature = "responses"))]
mod tests {
    use crate::{EasyInputMessage, EasyInputMessageRole};

    #[test]
    fn compacted_output_continues_as_input_unchanged() {
        // The assistant's text leaves out `logprobs`, which the spec requires: it is sent back
        // left out, not invented as `[]`.
        let output = serde_json::json!([
            {"type": "message", "id": "msg_1", "status": "completed", "role": "user",
             "content": [{"type": "input_text", "text": "Plan a trip."}]},
            {"type": "message", "id": "msg_2", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": "Day 1: Alfama.", "annotations": []}]},
            {"type": "compaction", "id": "cmp_1", "encrypted_content": "abc"}
        ]);
        let compacted: crate::CompactedResponse = serde_json::from_value(serde_json::json!({
            "id": "resp_1", "object": "response.compaction", "created_at": 1, "output": output,
            "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2,
                      "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}
        }))
        .expect("reads");
        let input = compacted.output_as_input();
        assert_eq!(input.len(), 3);
        assert_eq!(serde_json::to_value(&input).expect("writes"), output, "sent as it came");
        assert!(input[2].is_compaction(), "{:?}", input[2]);
        // The same conversion, item by item, takes the output as the next request's input.
        let next = crate::InputTokenCountParams::new().with_input(compacted.output.clone());
        assert_eq!(serde_json::to_value(&next).expect("writes")["input"], output);
    }

    #[test]
    fn input_item_shortcuts_are_the_message_shortcuts() {
        use crate::ResponseInputItem;
        assert_eq!(ResponseInputItem::user("x"), ResponseInputItem::from(EasyInputMessage::user("x")));
        assert_eq!(ResponseInputItem::assistant("x"), ResponseInputItem::from(EasyInputMessage::assistant("x")));
        assert_eq!(ResponseInputItem::system("x"), ResponseInputItem::from(EasyInputMessage::system("x")));
        assert_eq!(ResponseInputItem::developer("x"), ResponseInputItem::from(EasyInputMessage::developer("x")));
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

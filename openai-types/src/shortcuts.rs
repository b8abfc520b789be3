//! Shortcuts for what users write most, beside the generated constructors: a message by its role
//! (`EasyInputMessage::user("Hi")`) instead of a role spelled as a string, which compiles even
//! when misspelled (`"usr"` is a valid, unknown role).

use crate::{EasyInputMessage, EasyInputMessageContent, EasyInputMessageRole};

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

#[cfg(test)]
mod tests {
    use crate::{EasyInputMessage, EasyInputMessageRole};

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

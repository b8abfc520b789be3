//! Deterministic generators of the benchmark documents. Every kind of item here is accepted by
//! both openai-types and async-openai (the bench checks both parse before it times anything), and
//! keys come in the order the API writes them.

use crate::json::{arr, boolean, int, null, num, obj, s, Rng, J};

/// The kinds of output items in the compacted response, in the proportions they are drawn with.
///
/// Left out: `shell_call_output`, because async-openai 0.43 reads the shell outcome flattened into
/// the content object (`{"stdout", "stderr", "type": "exit", "exit_code"}`) while the API (and
/// openai-types) nest it under `outcome`; the two cannot parse the same bytes.
const OUTPUT_KINDS: &[(&str, usize)] = &[
    ("message", 30),
    ("function_call", 14),
    ("function_call_output", 14),
    ("reasoning", 14),
    ("web_search_call", 8),
    ("file_search_call", 6),
    ("shell_call", 6),
    ("computer_call", 4),
    ("computer_call_output", 4),
];

fn pick<'a>(rng: &mut Rng, kinds: &[(&'a str, usize)]) -> &'a str {
    let total: usize = kinds.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (kind, weight) in kinds {
        if roll < *weight {
            return kind;
        }
        roll -= weight;
    }
    kinds[0].0
}

fn token_bytes(token: &str) -> J {
    arr(token.bytes().map(|b| int(i64::from(b))).collect())
}

fn logprobs(rng: &mut Rng, text: &str) -> J {
    let tokens: Vec<&str> = text.split(' ').take(8).collect();
    arr(tokens
        .into_iter()
        .map(|token| {
            let top = (0..2)
                .map(|_| {
                    let alt = rng.prose(1);
                    obj(vec![("token", s(&alt)), ("bytes", token_bytes(&alt)), ("logprob", num(-(rng.unit() * 8.0)))])
                })
                .collect();
            obj(vec![
                ("token", s(token)),
                ("bytes", token_bytes(token)),
                ("logprob", num(-(rng.unit() * 2.0))),
                ("top_logprobs", arr(top)),
            ])
        })
        .collect())
}

fn annotation(rng: &mut Rng) -> J {
    if rng.below(2) == 0 {
        let start = rng.below(200);
        obj(vec![
            ("type", s("url_citation")),
            ("end_index", int((start + 40) as i64)),
            ("start_index", int(start as i64)),
            ("title", s(&rng.prose(5))),
            ("url", s(&format!("https://example.com/articles/{}", rng.id("a")))),
        ])
    } else {
        obj(vec![
            ("type", s("file_citation")),
            ("file_id", s(&rng.id("file"))),
            ("filename", s(&format!("report-{}.pdf", rng.below(1000)))),
            ("index", int(rng.below(500) as i64)),
        ])
    }
}

fn output_text(rng: &mut Rng, with_logprobs: bool) -> J {
    let text = rng.words(20, 80);
    let annotations = (0..rng.between(0, 3)).map(|_| annotation(rng)).collect();
    let logprobs = if with_logprobs { logprobs(rng, &text) } else { arr(vec![]) };
    obj(vec![("type", s("output_text")), ("annotations", arr(annotations)), ("logprobs", logprobs), ("text", s(&text))])
}

fn assistant_message(rng: &mut Rng, with_logprobs: bool) -> J {
    let parts = (0..rng.between(1, 2)).map(|_| output_text(rng, with_logprobs)).collect();
    obj(vec![
        ("id", s(&rng.id("msg"))),
        ("type", s("message")),
        ("status", s("completed")),
        ("content", arr(parts)),
        ("role", s("assistant")),
    ])
}

const FUNCTIONS: &[&str] = &["get_weather", "search_orders", "create_ticket", "lookup_user", "convert_currency"];

fn function_arguments(rng: &mut Rng) -> String {
    let city = ["Paris", "Tokyo", "Lima", "Oslo", "Cairo"][rng.below(5)];
    format!(r#"{{"city":"{city}","units":"metric","days":{}}}"#, rng.between(1, 10))
}

fn function_call(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![
        ("id", s(&rng.id("fc"))),
        ("type", s("function_call")),
        ("status", s("completed")),
        ("arguments", s(&function_arguments(rng))),
        ("call_id", s(call_id)),
        ("name", s(FUNCTIONS[rng.below(FUNCTIONS.len())])),
    ])
}

fn function_output_text(rng: &mut Rng) -> String {
    format!(
        r#"{{"temperature":{:.1},"conditions":"{}","forecast":[{}]}}"#,
        rng.unit() * 35.0,
        rng.prose(3),
        (0..rng.between(2, 6))
            .map(|i| format!(r#"{{"day":{i},"high":{}}}"#, rng.between(5, 30)))
            .collect::<Vec<_>>()
            .join(",")
    )
}

fn function_call_output(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![
        ("id", s(&rng.id("fco"))),
        ("type", s("function_call_output")),
        ("call_id", s(call_id)),
        ("output", s(&function_output_text(rng))),
        ("status", s("completed")),
    ])
}

fn reasoning(rng: &mut Rng) -> J {
    let summary = (0..rng.between(1, 3))
        .map(|_| obj(vec![("type", s("summary_text")), ("text", s(&rng.words(15, 50)))]))
        .collect();
    let mut fields = vec![("id", s(&rng.id("rs"))), ("type", s("reasoning")), ("summary", arr(summary))];
    if rng.below(2) == 0 {
        fields.push(("encrypted_content", s(&rng.opaque_between(200, 600))));
    }
    obj(fields)
}

fn web_search_call(rng: &mut Rng) -> J {
    let action = match rng.below(3) {
        0 | 1 => {
            let query = rng.prose(4);
            let sources = (0..rng.between(1, 4))
                .map(|_| obj(vec![("type", s("url")), ("url", s(&format!("https://example.org/{}", rng.id("p"))))]))
                .collect();
            obj(vec![
                ("type", s("search")),
                ("query", s(&query)),
                ("queries", arr(vec![s(&query)])),
                ("sources", arr(sources)),
            ])
        }
        _ => obj(vec![("type", s("open_page")), ("url", s(&format!("https://example.org/{}", rng.id("p"))))]),
    };
    obj(vec![("id", s(&rng.id("ws"))), ("type", s("web_search_call")), ("status", s("completed")), ("action", action)])
}

fn file_search_call(rng: &mut Rng) -> J {
    let queries = (0..rng.between(1, 2)).map(|_| s(&rng.prose(4))).collect();
    let results = (0..rng.between(1, 3))
        .map(|_| {
            obj(vec![
                ("attributes", obj(vec![("author", s("ops team")), ("year", int(2020 + rng.below(6) as i64))])),
                ("file_id", s(&rng.id("file"))),
                ("filename", s(&format!("notes-{}.md", rng.below(100)))),
                ("score", num((rng.unit() * 1000.0).round() / 1000.0)),
                ("text", s(&rng.words(20, 60))),
            ])
        })
        .collect();
    obj(vec![
        ("id", s(&rng.id("fs"))),
        ("type", s("file_search_call")),
        ("status", s("completed")),
        ("queries", arr(queries)),
        ("results", arr(results)),
    ])
}

fn shell_call(rng: &mut Rng) -> J {
    let commands = ["ls -la", "cargo test --workspace", "git status --short", "cat Cargo.toml"];
    let action = obj(vec![
        ("commands", arr((0..rng.between(1, 3)).map(|_| s(commands[rng.below(commands.len())])).collect())),
        ("max_output_length", int(4096)),
        ("timeout_ms", int(60_000)),
    ]);
    obj(vec![
        ("id", s(&rng.id("sh"))),
        ("type", s("shell_call")),
        ("status", s("completed")),
        ("action", action),
        ("call_id", s(&rng.id("call"))),
    ])
}

fn computer_action(rng: &mut Rng) -> J {
    match rng.below(3) {
        0 => obj(vec![
            ("type", s("click")),
            ("button", s("left")),
            ("x", int(rng.below(1280) as i64)),
            ("y", int(rng.below(800) as i64)),
        ]),
        1 => obj(vec![("type", s("type")), ("text", s(&rng.prose(4)))]),
        _ => obj(vec![
            ("type", s("scroll")),
            ("scroll_x", int(0)),
            ("scroll_y", int(rng.below(600) as i64)),
            ("x", int(rng.below(1280) as i64)),
            ("y", int(rng.below(800) as i64)),
        ]),
    }
}

fn computer_call(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![
        ("id", s(&rng.id("cu"))),
        ("type", s("computer_call")),
        ("status", s("completed")),
        ("action", computer_action(rng)),
        ("call_id", s(call_id)),
        ("pending_safety_checks", arr(vec![])),
    ])
}

fn screenshot(rng: &mut Rng) -> J {
    obj(vec![
        ("type", s("computer_screenshot")),
        ("image_url", s(&format!("data:image/png;base64,{}", rng.opaque_between(100, 300)))),
    ])
}

fn computer_call_output(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![
        ("id", s(&rng.id("cuo"))),
        ("type", s("computer_call_output")),
        ("call_id", s(call_id)),
        ("output", screenshot(rng)),
        ("status", s("completed")),
    ])
}

fn usage(rng: &mut Rng) -> J {
    let input = rng.between(100_000, 200_000) as i64;
    let output = rng.between(1_000, 9_000) as i64;
    obj(vec![
        ("input_tokens", int(input)),
        ("input_tokens_details", obj(vec![("cached_tokens", int(input / 2))])),
        ("output_tokens", int(output)),
        ("output_tokens_details", obj(vec![("reasoning_tokens", int(output / 3))])),
        ("total_tokens", int(input + output)),
    ])
}

/// A `POST /responses/compact` response body with `items` output items of mixed kinds (see
/// [`OUTPUT_KINDS`]), ending with the compaction item.
pub fn compacted_response(items: usize) -> String {
    compacted_response_of(items, None)
}

/// The kinds [`compacted_response_of`] can be limited to (a call kind brings its output along).
pub fn output_kinds() -> Vec<&'static str> {
    OUTPUT_KINDS.iter().map(|(k, _)| *k).filter(|k| !k.ends_with("_output")).collect()
}

/// [`compacted_response`] with every item of one kind (`Some(kind)`, see [`output_kinds`]).
pub fn compacted_response_of(items: usize, only: Option<&str>) -> String {
    let mut rng = Rng::new(0x5EED_C0DE);
    let mut output = Vec::with_capacity(items);
    let mut pending_call: Option<(String, bool)> = None;
    while output.len() + 1 < items {
        // A call is followed by its output, as in a real conversation.
        if let Some((call_id, computer)) = pending_call.take() {
            output.push(if computer {
                computer_call_output(&mut rng, &call_id)
            } else {
                function_call_output(&mut rng, &call_id)
            });
            continue;
        }
        let kind = match only {
            Some(kind) => kind,
            None => pick(&mut rng, OUTPUT_KINDS),
        };
        let item = match kind {
            "message" => {
                let with_logprobs = rng.below(3) == 0;
                assistant_message(&mut rng, with_logprobs)
            }
            "function_call" | "function_call_output" => {
                let call_id = rng.id("call");
                let item = function_call(&mut rng, &call_id);
                pending_call = Some((call_id, false));
                item
            }
            "computer_call" | "computer_call_output" => {
                let call_id = rng.id("call");
                let item = computer_call(&mut rng, &call_id);
                pending_call = Some((call_id, true));
                item
            }
            "reasoning" => reasoning(&mut rng),
            "web_search_call" => web_search_call(&mut rng),
            "file_search_call" => file_search_call(&mut rng),
            _ => shell_call(&mut rng),
        };
        output.push(item);
    }
    output.push(obj(vec![
        ("id", s(&rng.id("cmp"))),
        ("type", s("compaction")),
        ("encrypted_content", s(&rng.opaque(2000))),
    ]));
    obj(vec![
        ("id", s(&rng.id("resp"))),
        ("object", s("response.compaction")),
        ("created_at", int(1_760_000_000)),
        ("output", arr(output)),
        ("usage", usage(&mut rng)),
    ])
    .0
}

// ---- the input token count request ----

const INPUT_KINDS: &[(&str, usize)] = &[
    ("easy_message", 18),
    ("input_message", 16),
    ("assistant_message", 16),
    ("function_call", 14),
    ("reasoning", 10),
    ("web_search_call", 6),
    ("file_search_call", 6),
    ("computer_call", 6),
    ("item_reference", 8),
];

fn easy_message(rng: &mut Rng) -> J {
    let role = ["user", "user", "developer", "system"][rng.below(4)];
    obj(vec![("role", s(role)), ("content", s(&rng.words(5, 40)))])
}

fn input_message(rng: &mut Rng) -> J {
    let mut content = vec![obj(vec![("type", s("input_text")), ("text", s(&rng.words(10, 50)))])];
    if rng.below(3) == 0 {
        content.push(obj(vec![
            ("type", s("input_image")),
            ("detail", s("auto")),
            ("image_url", s(&format!("https://example.com/images/{}.png", rng.id("img")))),
        ]));
    }
    if rng.below(6) == 0 {
        content.push(obj(vec![("type", s("input_file")), ("file_id", s(&rng.id("file")))]));
    }
    obj(vec![("type", s("message")), ("role", s("user")), ("content", arr(content))])
}

fn input_function_call(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![
        ("type", s("function_call")),
        ("call_id", s(call_id)),
        ("name", s(FUNCTIONS[rng.below(FUNCTIONS.len())])),
        ("arguments", s(&function_arguments(rng))),
    ])
}

fn input_function_call_output(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![("type", s("function_call_output")), ("call_id", s(call_id)), ("output", s(&function_output_text(rng)))])
}

fn input_computer_call_output(rng: &mut Rng, call_id: &str) -> J {
    obj(vec![("type", s("computer_call_output")), ("call_id", s(call_id)), ("output", screenshot(rng))])
}

fn parameters_schema(rng: &mut Rng) -> J {
    let props = ["city", "units", "days", "order_id", "customer", "amount", "currency", "priority"];
    let chosen: Vec<&str> = (0..rng.between(2, 5)).map(|i| props[(i * 3 + rng.below(3)) % props.len()]).collect();
    let mut unique: Vec<&str> = Vec::new();
    for name in chosen {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    obj(vec![
        ("type", s("object")),
        (
            "properties",
            obj(unique
                .iter()
                .map(|name| (*name, obj(vec![("type", s("string")), ("description", s(&rng.words(4, 12)))])))
                .collect()),
        ),
        ("required", arr(unique.iter().map(|name| s(name)).collect())),
        ("additionalProperties", boolean(false)),
    ])
}

fn tools(rng: &mut Rng) -> Vec<J> {
    let mut tools: Vec<J> = FUNCTIONS
        .iter()
        .map(|name| {
            obj(vec![
                ("type", s("function")),
                ("name", s(name)),
                ("description", s(&rng.words(10, 25))),
                ("parameters", parameters_schema(rng)),
                ("strict", boolean(true)),
            ])
        })
        .collect();
    tools.push(obj(vec![
        ("type", s("file_search")),
        ("vector_store_ids", arr(vec![s(&rng.id("vs")), s(&rng.id("vs"))])),
        ("max_num_results", int(8)),
    ]));
    tools.push(obj(vec![("type", s("web_search")), ("search_context_size", s("medium"))]));
    tools.push(obj(vec![
        ("type", s("computer_use_preview")),
        ("display_height", int(800)),
        ("display_width", int(1280)),
        ("environment", s("browser")),
    ]));
    tools.push(obj(vec![("type", s("code_interpreter")), ("container", obj(vec![("type", s("auto"))]))]));
    tools.push(obj(vec![("type", s("image_generation")), ("quality", s("high")), ("size", s("1024x1024"))]));
    tools.push(obj(vec![
        ("type", s("mcp")),
        ("server_label", s("deepwiki")),
        ("server_url", s("https://mcp.example.com/sse")),
        ("require_approval", s("never")),
    ]));
    tools.push(obj(vec![("type", s("shell"))]));
    tools.push(obj(vec![("type", s("apply_patch"))]));
    tools
}

/// A `POST /responses/input_tokens` request body with `items` input items of mixed kinds and a
/// dozen tools (five functions with JSON-schema parameters and the hosted tools).
pub fn input_token_count_params(items: usize) -> String {
    input_token_count_params_of(items, None)
}

/// The kinds [`input_token_count_params_of`] can be limited to (a call kind brings its output).
pub fn input_kinds() -> Vec<&'static str> {
    INPUT_KINDS.iter().map(|(k, _)| *k).collect()
}

/// [`input_token_count_params`] with every input item of one kind (`Some(kind)`, see
/// [`input_kinds`]).
pub fn input_token_count_params_of(items: usize, only: Option<&str>) -> String {
    let mut rng = Rng::new(0x1_4B7E_C0DE);
    let mut input = Vec::with_capacity(items);
    let mut pending: Option<(String, bool)> = None;
    while input.len() < items {
        if let Some((call_id, computer)) = pending.take() {
            input.push(if computer {
                input_computer_call_output(&mut rng, &call_id)
            } else {
                input_function_call_output(&mut rng, &call_id)
            });
            continue;
        }
        let kind = match only {
            Some(kind) => kind,
            None => pick(&mut rng, INPUT_KINDS),
        };
        let item = match kind {
            "easy_message" => easy_message(&mut rng),
            "input_message" => input_message(&mut rng),
            "assistant_message" => assistant_message(&mut rng, false),
            "function_call" => {
                let call_id = rng.id("call");
                pending = Some((call_id.clone(), false));
                input_function_call(&mut rng, &call_id)
            }
            "computer_call" => {
                let call_id = rng.id("call");
                pending = Some((call_id.clone(), true));
                computer_call(&mut rng, &call_id)
            }
            "reasoning" => reasoning(&mut rng),
            "web_search_call" => web_search_call(&mut rng),
            "file_search_call" => file_search_call(&mut rng),
            _ => obj(vec![("type", s("item_reference")), ("id", s(&rng.id("msg")))]),
        };
        input.push(item);
    }
    let tools = tools(&mut rng);
    obj(vec![
        ("model", s("gpt-5")),
        ("instructions", s(&rng.prose(40))),
        ("input", arr(input)),
        ("tools", arr(tools)),
        ("tool_choice", s("auto")),
        ("parallel_tool_calls", boolean(true)),
        ("reasoning", obj(vec![("effort", s("medium")), ("summary", s("auto"))])),
        ("text", obj(vec![("format", obj(vec![("type", s("text"))])), ("verbosity", s("medium"))])),
        ("truncation", s("auto")),
        ("previous_response_id", null()),
    ])
    .0
}

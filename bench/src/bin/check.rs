//! Checks that openai-types and async-openai both parse the two serde benchmark documents and
//! prints their sizes: `cargo run --release --bin check`.

fn main() {
    let docs = bench::Documents::generate();
    println!(
        "compacted response: {} bytes; input token count params: {} bytes",
        docs.compacted_response.len(),
        docs.input_token_count_params.len()
    );
    match bench::check_both_parse(&docs) {
        Ok(()) => println!("both crates parse both documents"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}

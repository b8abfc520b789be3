//! Writes a synthetic spec: `synth N OPENAPI_OUT JSON_SCHEMA_OUT` (N = schemas, or `real` for the
//! real spec's schemas alone), in the form both cargo-typify and the generator accept (see
//! `bench::synth::strip_union_defaults`). Used by `typify.sh`.
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, openapi_out, schema_out] = args.as_slice() else {
        eprintln!("usage: synth N|real OPENAPI_OUT JSON_SCHEMA_OUT");
        std::process::exit(2);
    };
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let text = std::fs::read_to_string(&spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let synthetic = if n == "real" {
        bench::synth::real_schemas_for_typify(&text)
    } else {
        let n: usize = n.parse().expect("N is a number or `real`");
        bench::synth::Base::from_spec(&text).map(|base| base.synthesize_for_typify(n))
    }
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(openapi_out, &synthetic.openapi).expect("write the OpenAPI file");
    std::fs::write(schema_out, &synthetic.json_schema).expect("write the JSON Schema file");
    println!("{}", synthetic.schemas);
}

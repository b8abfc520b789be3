//! The generator's fixture specs, generated at build time and compiled here. Each module is the
//! output for `codegen/tests/fixtures/<module>.{yaml,json}`; the tests exercise them.

macro_rules! fixture {
    ($name:ident) => {
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        #[allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
        pub mod $name {
            include!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"));
        }
    };
}

fixture!(composition);
fixture!(enums);
fixture!(objects);
fixture!(openapi30);
fixture!(operations);
fixture!(recursion);
fixture!(shape_unions);
fixture!(tagged_unions);
fixture!(hostile_text);
fixture!(shadowing);
fixture!(all_of_union);
fixture!(files);

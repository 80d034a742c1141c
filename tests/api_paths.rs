//! The flat module paths of earlier releases still name the same items (lib.rs re-exports
//! them): a program written against them keeps compiling.
#[test]
fn earlier_module_paths_still_name_the_items() {
    let _: fn(&str, &str, &bccrs::compile::Options) -> Result<bccrs::compile::Output, bccrs::compile::Failure> =
        bccrs::compile::compile_source;
    let _: fn(&str, &str, &bccrs::Options) -> Result<bccrs::runtime::load::Loaded, bccrs::load::LoadError> =
        bccrs::load::Loaded::from_source;
    let _: fn(&str) -> &str = bccrs::load::user_name;
    let _: fn(&[u8]) -> bccrs::load::Meta = bccrs::load::read_meta;
    let _: fn(i32, u32, u32, u32, u32, u32) -> bccrs::maps::Result<()> = bccrs::maps::create_instances;
    let _: Option<bccrs::maps::Table<'static>> = None;
    let _: Option<bccrs::bpf::Bpf> = None;
    let _: Option<bccrs::run::RunOptions> = None;
    let _: fn(&[bccrs::diag::Diagnostic], &bccrs::diag::Sources, bool) -> String = bccrs::diag::render;
    assert_eq!(bccrs::load::user_name("config___bccrs"), "config");
    assert!(bccrs::possible_cpus() >= 1);
}

//! Benchmarks of the Cesizen SDK live in `benches/benches/*.rs` (criterion). Run them with
//! `cargo bench -p cesizen-benches`; `cargo xtask test` only compiles them.

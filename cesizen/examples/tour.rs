//! A walk through the Cesizen domain: `cargo run --example tour`.
//!
//! It grows as the crates land; each step prints what it does.

fn main() {
    println!("Cesizen SDK tour");
    println!(
        "  cesizen-core, cesizen-crypto, cesizen-gdpr and cesizen-sla are linked in: {}",
        module_path!()
    );
}

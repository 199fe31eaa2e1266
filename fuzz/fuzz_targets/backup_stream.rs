//! Backup streams: any bytes read through a stream reader under a fixed keyring end in data or an error, never a
//! panic; and any data written through a stream writer, in fuzzed write sizes, reads back the same.
#![no_main]

use std::io::{Read, Write};

use cesizen_fuzz::{keyring, pieces};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keyring = keyring();
    if let Ok(mut reader) = keyring.stream_reader(data) {
        let mut out = Vec::new();
        let _ = reader.read_to_end(&mut out);
    }

    // Round trip: the pieces of the input are the writes; the data is their concatenation.
    let mut writer = keyring.stream_writer(Vec::new()).expect("a fixed keyring writes");
    let mut written = Vec::new();
    for piece in pieces(data) {
        writer.write_all(piece).expect("writing to memory");
        written.extend_from_slice(piece);
    }
    let sealed = writer.finish().expect("finishing in memory");
    let mut read = Vec::new();
    keyring
        .stream_reader(&sealed[..])
        .expect("the writer's header reads")
        .read_to_end(&mut read)
        .expect("the writer's stream reads");
    assert_eq!(read, written);
});

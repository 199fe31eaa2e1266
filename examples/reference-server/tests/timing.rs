//! The timing of a password reset, black-box, on SQLite or on the PostgreSQL of `CESIZEN_TEST_DATABASE_URL`. A
//! test binary of its own: it runs alone, with no other test's server competing for the two cores.

mod common;

use common::Server;
use serde_json::json;

#[tokio::test]
async fn a_password_reset_answers_in_the_same_time_for_any_address() {
    let server = Server::start_isolated(&[]).await;
    let user = server.user().await;
    let client = server.client();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..100 {
        for (email, times) in [
            (user.email.clone(), &mut known),
            (format!("nobody-{i}@example.fr"), &mut unknown),
        ] {
            let start = std::time::Instant::now();
            let (status, _) = client.post("/api/v1/password-resets", json!({"email": email})).await;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(status, 202);
            // Let the work queued after the answer finish, so that it slows neither kind.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (known, unknown) = (median(&mut known), median(&mut unknown));
    let gap = (known - unknown).abs();
    assert!(
        gap < 0.25_f64.max(0.15 * known.min(unknown)),
        "median {known:.3} ms for an account, {unknown:.3} ms for none"
    );
}

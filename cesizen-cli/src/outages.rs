//! Reading outages and maintenance windows per service, from CSV or from `cesizen-sla`'s JSON.
//!
//! JSON is the crate's own shape (`{ service: ServiceObservations }`), validated by its types. CSV is the
//! spreadsheet form of the same data, one window per row:
//!
//! ```text
//! service,start,end,weight,kind
//! core-api,2025-10-03T02:00:00Z,2025-10-03T02:30:00Z,,outage
//! web-app,2025-10-08T12:00:00Z,2025-10-08T13:00:00Z,50,outage
//! database,2025-10-12T00:30:00Z,2025-10-12T02:00:00Z,,maintenance
//! ```
//!
//! `weight` is the share of a full outage in percent (empty: 100), read exactly by `Ppm::from_percent_text`;
//! `kind` is `outage` (the default) or `maintenance`. Each value is built by the crate's constructors
//! (`ServiceId::new`, `Interval::new`), so what the crate refuses is refused here, with the file and line.

use std::collections::BTreeMap;
use std::path::Path;

use cesizen_core::alerting::ConfigError;
use cesizen_sla::{Interval, Outage, Ppm, ServiceId, ServiceObservations};
use chrono::{DateTime, Utc};

use crate::error::{CliError, CliResult};
use crate::files::{self, csv_error};

/// Observations per service.
pub type Observations = BTreeMap<ServiceId, ServiceObservations>;

/// Reads `path`: JSON when its name ends in `.json`, CSV otherwise.
pub fn read(path: &Path) -> CliResult<Observations> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        let text = files::read_text(path)?;
        serde_json::from_str(&text).map_err(|e| {
            CliError::malformed(path.display(), e).hint(
                "write { \"service-id\": { \"outages\": [{\"start\", \"end\", \"weight\"?}], \"maintenance\": [{\"start\", \"end\"}] } }",
            )
        })
    } else {
        read_csv(path)
    }
}

fn read_csv(path: &Path) -> CliResult<Observations> {
    let (input, _) = files::open_input(Some(path))?;
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(service_at), Some(start_at), Some(end_at)) = (column("service"), column("start"), column("end")) else {
        return Err(CliError::malformed(
            format!("{} line 1", path.display()),
            "the header must name the columns service, start and end (weight and kind are optional)",
        )
        .hint("first line: service,start,end,weight,kind"));
    };
    if let Some(unknown) = headers
        .iter()
        .find(|h| !["service", "start", "end", "weight", "kind"].contains(h))
    {
        return Err(CliError::malformed(
            format!("{} line 1", path.display()),
            format!("unknown column `{unknown}`"),
        )
        .hint("the columns are service, start, end, weight and kind"));
    }
    let (weight_at, kind_at) = (column("weight"), column("kind"));
    let mut observed = Observations::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let at = || format!("{} line {line}", path.display());
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        let service = ServiceId::new(field(Some(service_at)))
            .map_err(|e| CliError::malformed(at(), format!("service `{}`: {e}", field(Some(service_at)))))?;
        let start = time(field(Some(start_at))).ok_or_else(|| bad_time(at(), "start"))?;
        let end = time(field(Some(end_at))).ok_or_else(|| bad_time(at(), "end"))?;
        let interval = Interval::new(start, end).map_err(|e| CliError::malformed(at(), e))?;
        let weight = match field(weight_at) {
            "" => None,
            text => Some(Ppm::from_percent_text(text.trim_end_matches('%')).map_err(|p| {
                CliError::malformed(at(), ConfigError::new("weight", p)).hint("write the weight as a percentage: 50")
            })?),
        };
        let seen = observed.entry(service).or_default();
        match (field(kind_at), weight) {
            ("" | "outage", None) => seen.outages.push(Outage::full(interval)),
            ("" | "outage", Some(w)) => seen.outages.push(Outage::partial(interval, w)),
            ("maintenance", None) => seen.maintenance.push(interval),
            ("maintenance", Some(_)) => {
                return Err(CliError::malformed(at(), "a maintenance window has no weight"));
            }
            (other, _) => {
                return Err(CliError::malformed(
                    at(),
                    format!("kind `{other}`: expected outage or maintenance"),
                ));
            }
        }
    }
    Ok(observed)
}

fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn bad_time(at: String, column: &str) -> CliError {
    CliError::malformed(at, format!("{column} is not an RFC 3339 time"))
        .hint("write times with their offset: 2025-10-03T02:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> CliResult<Observations> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outages.csv");
        std::fs::write(&path, text).unwrap();
        read(&path)
    }

    #[test]
    fn csv_rows_become_outages_and_maintenance() {
        let o = parse(
            "service,start,end,weight,kind\n\
             core-api,2025-10-03T02:00:00Z,2025-10-03T02:30:00Z,,outage\n\
             core-api,2025-10-04T02:00:00+02:00,2025-10-04T02:10:00+02:00,50,\n\
             database,2025-10-12T00:30:00Z,2025-10-12T02:00:00Z,,maintenance\n",
        )
        .unwrap();
        let api = &o[&ServiceId::new("core-api").unwrap()];
        assert_eq!(api.outages.len(), 2);
        assert_eq!(api.outages[1].weight().get(), 500_000);
        assert_eq!(o[&ServiceId::new("database").unwrap()].maintenance.len(), 1);
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let e = parse("service,start,end\ncore-api,2025-10-03T02:00:00Z,yesterday\n").unwrap_err();
        assert_eq!(
            e.message(),
            format!(
                "{} line 2: end is not an RFC 3339 time",
                e.message().split(" line").next().unwrap()
            )
        );
        let e = parse("service,start,end\ncore-api,2025-10-03T02:00:00Z\n").unwrap_err();
        assert!(
            e.message().ends_with("line 2: 2 fields where the header has 3"),
            "{}",
            e.message()
        );
        let e = parse("service,begin,end\n").unwrap_err();
        assert!(e.message().contains("service, start and end"), "{}", e.message());
        let e = parse("service,start,end\nCore API,2025-10-03T02:00:00Z,2025-10-03T03:00:00Z\n").unwrap_err();
        assert!(e.message().contains("service `Core API`"), "{}", e.message());
        let e = parse("service,start,end\ncdn,2025-10-03T04:00:00Z,2025-10-03T03:00:00Z\n").unwrap_err();
        assert!(e.message().contains("ends before it starts"), "{}", e.message());
    }
}

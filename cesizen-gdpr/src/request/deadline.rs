//! Deadlines of a request and their assessment: on track, at risk, overdue, met or missed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::kind::RequestKind;
use super::machine::{DataSubjectRequest, RequestState};
use super::policy::DeadlinePolicy;
use crate::calendar::{Deadline, months_after};
use crate::error::Result;
use crate::id::RequestId;
use crate::timer::{DeadlineWindow, DueBound, Timer};

/// The term Art. 12(3) gives to answer a request: one month, or three once extended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegalTerm {
    /// One calendar month from receipt.
    OneMonth,
    /// Extended by two further months (the person told within the first month why): three in all.
    Extended,
}

impl LegalTerm {
    /// The term of a request that was extended (`Some` extension) or not.
    pub fn of<T>(extension: Option<T>) -> Self {
        if extension.is_some() {
            LegalTerm::Extended
        } else {
            LegalTerm::OneMonth
        }
    }

    /// The term in calendar months: 1 or 3.
    pub fn months(self) -> u32 {
        match self {
            LegalTerm::OneMonth => 1,
            LegalTerm::Extended => 3,
        }
    }
}

impl DeadlinePolicy {
    /// The legal deadline of Art. 12(3) for a request received at `received_at`: one calendar month, or three
    /// when extended, counted from the day of receipt in the controller's time zone (see [`crate::calendar`]).
    ///
    /// ```
    /// use cesizen_gdpr::request::{DeadlinePolicy, LegalTerm};
    /// use chrono::{NaiveDate, TimeZone, Utc};
    ///
    /// let policy = DeadlinePolicy::default();
    /// let received = Utc.with_ymd_and_hms(2025, 1, 31, 10, 0, 0).unwrap();
    /// let due = |term| policy.legal_deadline(received, term).map(|d| d.due_date);
    /// assert_eq!(due(LegalTerm::OneMonth)?, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
    /// assert_eq!(due(LegalTerm::Extended)?, NaiveDate::from_ymd_opt(2025, 4, 30).unwrap());
    /// # Ok::<(), cesizen_gdpr::Error>(())
    /// ```
    pub fn legal_deadline(&self, received_at: DateTime<Utc>, term: LegalTerm) -> Result<Deadline> {
        months_after(received_at, term.months(), self.time_zone.tz())
    }

    /// The plan's internal target for `kind`: the last instant at which closing the request meets it.
    pub fn internal_due(&self, kind: RequestKind, received_at: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        self.internal_targets
            .get(kind)
            .map(|p| p.after(received_at))
            .transpose()
    }
}

/// A request judged against its deadlines at `now`.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "FullRequestAssessment", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The request.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub request: RequestId,
    /// Its kind.
    pub kind: RequestKind,
    /// Its state.
    pub state: RequestState,
    /// The plan's internal target, when there is one for this kind.
    #[cfg_attr(feature = "wasm", tsify(type = "Deadline | null"))]
    pub internal: Option<Timer>,
    /// The legal deadline (Art. 12(3), or 12(4) for a refusal: one month, never extended).
    #[cfg_attr(feature = "wasm", tsify(type = "Deadline"))]
    pub legal: Timer,
    /// The legal due day in the controller's time zone.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub legal_due_date: NaiveDate,
}

impl Assessment {
    /// Whether either timer is at risk or overdue.
    pub fn needs_attention(&self) -> bool {
        self.legal.status.needs_attention() || self.internal.is_some_and(|t| t.status.needs_attention())
    }
}

/// Judges `request` against its internal target and legal deadline at `now`.
///
/// ```
/// use cesizen_gdpr::request::{assess, DataSubjectRequest, DeadlinePolicy, RequestKind, TimerStatus};
/// use cesizen_gdpr::RequestId;
/// use chrono::{Duration, TimeZone, Utc};
/// use cesizen_core::id::UserId;
///
/// let policy = DeadlinePolicy::default();
/// let t0 = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
/// let r = DataSubjectRequest::receive(RequestId::new(t0)?, UserId::from_parts(t0, [7; 10]).unwrap(), RequestKind::Portability, t0);
///
/// // 40 h into a 48 h target: at risk internally, on track legally.
/// let a = assess(&r, &policy, t0 + Duration::hours(40))?;
/// assert_eq!(a.internal.unwrap().status, TimerStatus::AtRisk);
/// assert_eq!(a.legal.status, TimerStatus::OnTrack);
/// assert!(a.needs_attention());
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
pub fn assess(request: &DataSubjectRequest, policy: &DeadlinePolicy, now: DateTime<Utc>) -> Result<Assessment> {
    let received = request.received_at();
    // Art. 12(4): a refusal is due within the first month, whatever the extension.
    let term = if request.state() == RequestState::Refused {
        LegalTerm::OneMonth
    } else {
        LegalTerm::of(request.extension())
    };
    let legal_deadline = policy.legal_deadline(received, term)?;
    let closed = request.closed_at();
    let pct = policy.at_risk_percent;

    let legal = DeadlineWindow::new(received, legal_deadline.due_at, DueBound::Exclusive)?.timer(closed, now, pct);
    let internal = policy
        .internal_due(request.kind(), received)?
        .map(|due| DeadlineWindow::new(received, due, DueBound::Inclusive).map(|w| w.timer(closed, now, pct)))
        .transpose()?;
    Ok(Assessment {
        request: request.id(),
        kind: request.kind(),
        state: request.state(),
        internal,
        legal,
        legal_due_date: legal_deadline.due_date,
    })
}

/// The requests that need attention at `now` (a timer at risk or overdue), streamed.
pub fn needing_attention<'a, I>(
    requests: I,
    policy: &'a DeadlinePolicy,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Assessment>> + 'a
where
    I: IntoIterator<Item = &'a DataSubjectRequest>,
    I::IntoIter: 'a,
{
    requests
        .into_iter()
        .map(move |r| assess(r, policy, now))
        .filter(|a| a.as_ref().map_or(true, Assessment::needs_attention))
}

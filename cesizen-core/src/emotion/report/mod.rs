//! Emotion reports: the plan's “emotional dashboards” over calendar and rolling periods.

mod emotion_report;
#[cfg(test)]
mod emotion_report_tests;
mod period;
mod streaks;

pub use emotion_report::{DaySummary, EmotionCount, EmotionReport, EmotionReportRequest};
pub use period::{ROLLING_DAYS, ReportPeriod, ReportWindow};
pub use streaks::Streaks;

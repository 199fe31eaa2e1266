//! GDPR: reading back a portable export (Art. 15 access, Art. 20 portability) with the domain's own validation,
//! request and breach deadlines, retention decisions, consent, the audit trail and generalisation, each one call
//! into `cesizen-gdpr`.
//!
//! A person who downloads their export, or a service that receives one, checks it in the browser exactly as the
//! server would: every item is validated, everything must belong to the subject, and the summary must match the
//! sections (so a truncated file is refused).

use serde::{Deserialize, Serialize};
use serde_json::json;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use std::collections::BTreeMap;

use cesizen_core::emotion::{Intensity, Valence};
use cesizen_core::id::UserId;
use cesizen_core::user::IanaTimeZone;
use cesizen_gdpr::anonymise::{self, Generalised};
use cesizen_gdpr::audit::{AuditEvent, AuditTrail as CoreAuditTrail};
use cesizen_gdpr::breach::{Breach, BreachFacts};
use cesizen_gdpr::calendar::Deadline;
use cesizen_gdpr::consent::{ConsentLedger as CoreConsentLedger, ConsentMethod, Purpose, TextVersion};
use cesizen_gdpr::export::{ExportDocument, ExportSummary};
use cesizen_gdpr::request::RequestRecord;
use cesizen_gdpr::timer::AtRiskPercent;
use cesizen_gdpr::{BreachId, GdprConfig};

use crate::convert::{bytes_from_js, read, string_from_js, time_from_js, u32_from_js, write, write_value};
use crate::error::SdkError;

/// A valid export: whose it is, when it was made, and what it holds.
///
/// Binding shape: the export's header without its sections (handing every journal entry back to JavaScript is not the point).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GdprExportSummary {
    /// The person's user id.
    pub subject: String,
    /// When the export was generated (RFC 3339).
    pub generated_at: String,
    /// The export format's version.
    pub version: u32,
    /// Items per section.
    #[tsify(type = "GdprExportCounts")]
    pub summary: ExportSummary,
}

// The results below are parts of SDK types (the vectors pin their shapes in every language): declared as such.
#[wasm_bindgen(typescript_custom_section)]
const ASSEMBLED_RESULTS: &str = r#"
/** `assessRequest()`'s result: the request's assessment without the id and kind the caller passed in. */
export type RequestAssessment = Pick<FullRequestAssessment, "state" | "internal" | "legal" | "legalDueDate">;
/** `retentionDecide()`'s result: the decision without the record's id and category the caller passed in. */
export type RetentionDecision = Pick<FullRetentionDecision, "action" | "dueAt">;
"#;

/// Parses and validates a portable export (its JSON text, or its bytes as UTF-8).
///
/// Throws `gdpr.export.invalid` when it is not a valid version-1 export of one person.
#[wasm_bindgen(js_name = parseGdprExport)]
pub fn parse_gdpr_export(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] document: JsValue,
) -> Result<Ts<GdprExportSummary>, SdkError> {
    let bytes = match document.as_string() {
        Some(text) => text.into_bytes(),
        None => bytes_from_js(&document)?,
    };
    let doc = ExportDocument::from_slice(&bytes)?;
    write::<GdprExportSummary, _>(&json!({"subject": doc.subject, "generatedAt": doc.generated_at,
        "version": doc.version, "summary": doc.summary}))
}

/// A due date under the calendar-month rule (Reg. 1182/71 Art. 3(2)(c)): `months` after `event`, counted from
/// its local day in `timeZone`, due at the end of that day: `{ dueDate, dueAt }`.
///
/// Throws `validation.time_zone.unknown` and the SDK's calendar codes.
#[wasm_bindgen(js_name = monthsAfter)]
pub fn months_after(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] event: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] months: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<Ts<Deadline>, SdkError> {
    let zone = IanaTimeZone::parse(&string_from_js(&time_zone)?)?;
    let due = cesizen_gdpr::calendar::months_after(time_from_js(&event)?, u32_from_js(&months)?, zone.tz())?;
    write(&due)
}

/// Where a data-subject request stands at `now` under the plan's default deadlines (replayed from its stored
/// history): `{ state, internal, legal, legalDueDate }`.
///
/// Throws the SDK's `gdpr.request.*` codes for a history the workflow refuses.
#[wasm_bindgen(js_name = assessRequest, unchecked_return_type = "RequestAssessment")]
pub fn assess_request(
    request: Ts<RequestRecord>,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    crate::plan::Plan::new().assess_request(request, now)
}

/// What the plan's default retention policy does with a record at `now`: `{ action, dueAt }`.
#[wasm_bindgen(js_name = retentionDecide, unchecked_return_type = "RetentionDecision")]
pub fn retention_decide(
    #[wasm_bindgen(unchecked_param_type = "RecordMeta")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    crate::plan::Plan::new().retention_decide(record, now)
}

/// Reads and validates the GDPR configuration (TOML or JSON text); absent settings take the plan's defaults.
///
/// Throws `config.*` codes.
#[wasm_bindgen(js_name = parseGdprConfig, unchecked_return_type = "Filled<GdprConfig>")]
pub fn parse_gdpr_config(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"toml\" | \"json\"")] format: JsValue,
) -> Result<JsValue, SdkError> {
    let text = string_from_js(&text)?;
    let config = match string_from_js(&format)?.as_str() {
        "toml" => GdprConfig::from_toml_str(&text)?,
        "json" => GdprConfig::from_json_str(&text)?,
        _ => return Err(SdkError::invalid_input("\"toml\" or \"json\"")),
    };
    write_value(&config)
}

/// The coarse bands an anonymised emotion keeps: `{ intensity, valence, area }`.
///
/// Throws `validation.intensity.out_of_range`, `validation.valence.*`.
#[wasm_bindgen]
pub fn generalise(
    #[wasm_bindgen(unchecked_param_type = "number")] intensity: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] valence: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<Ts<Generalised>, SdkError> {
    let intensity = intensity
        .as_f64()
        .and_then(crate::convert::whole_u32)
        .ok_or_else(|| SdkError::invalid_input("1 to 10"))?;
    let intensity = Intensity::try_from(i64::from(intensity))?;
    let valence = Valence::new(valence.as_f64().ok_or_else(|| SdkError::invalid_input("number"))?)?;
    write(&anonymise::generalise(intensity, valence, &string_from_js(&time_zone)?))
}

/// A breach's Art. 33 notification clock and Art. 34 decision at `now`: `{ notificationDueAt, notification, art34 }`.
/// `initialFiledAt` is when the initial notification was filed, if it was; `atRiskPercent` is the share of the
/// 72 hours after which the clock reports "at risk", a whole number from 1 to 99 (the plan uses 75).
///
/// Throws `config.value.invalid` for a share outside 1–99 (the SDK's `AtRiskPercent`), the `gdpr.breach.*` and
/// id codes.
#[wasm_bindgen(js_name = assessBreach, unchecked_return_type = "BreachStatus")]
pub fn assess_breach(
    #[wasm_bindgen(js_name = breachId, unchecked_param_type = "string")] breach_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BreachFacts")] facts: JsValue,
    #[wasm_bindgen(js_name = initialFiledAt, unchecked_param_type = "Date | string | null")] initial_filed_at: JsValue,
    #[wasm_bindgen(js_name = atRiskPercent, unchecked_param_type = "number")] at_risk_percent: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    let facts: BreachFacts = read(&facts, "BreachFacts")?;
    // A whole number above 255 is as far out of 1–99 as 255 is: the SDK's rule refuses both with its own code.
    let at_risk = AtRiskPercent::new(u8::try_from(u32_from_js(&at_risk_percent)?).unwrap_or(u8::MAX))?;
    let mut breach = Breach::record(BreachId::parse(&string_from_js(&breach_id)?)?, facts)?;
    if !initial_filed_at.is_null() && !initial_filed_at.is_undefined() {
        breach.file_initial(time_from_js(&initial_filed_at)?, None, None)?;
    }
    write_value(&breach.status(time_from_js(&now)?, at_risk))
}

/// A tamper-evident audit trail: each entry's hash chains the previous one.
#[wasm_bindgen]
pub struct AuditTrail(CoreAuditTrail);

#[wasm_bindgen]
impl AuditTrail {
    /// An empty trail.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> AuditTrail {
        AuditTrail(CoreAuditTrail::new())
    }

    /// Appends an event (`action` a stable dotted code, `subject` optional, `details` string pairs); returns the
    /// entry's hash (hex).
    ///
    /// Throws the SDK's `gdpr.audit.*` codes (malformed fields, `gdpr.audit.action_unknown` for an action that is
    /// not one of `AuditAction`'s codes) and `gdpr.time.regression` for an event older than the last.
    pub fn append(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] at: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] subject: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ [key: string]: string }")] details: JsValue,
    ) -> Result<String, SdkError> {
        let at = time_from_js(&at)?;
        let mut event = AuditEvent::parse(&string_from_js(&actor)?, &string_from_js(&action)?)?;
        if !subject.is_null() && !subject.is_undefined() {
            event = event.subject(&string_from_js(&subject)?)?;
        }
        for (key, value) in read::<BTreeMap<String, String>>(&details, "{ [key: string]: string }")? {
            event = event.detail(&key, &value)?;
        }
        Ok(self.0.append(at, event)?.hash.to_string())
    }
}

/// A person's consent history for the purposes that need consent.
#[wasm_bindgen]
pub struct ConsentLedger(CoreConsentLedger);

#[wasm_bindgen]
impl ConsentLedger {
    /// An empty ledger for `userId`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
    ) -> Result<ConsentLedger, SdkError> {
        Ok(ConsentLedger(CoreConsentLedger::new(UserId::parse(&string_from_js(
            &user_id,
        )?)?)))
    }

    /// Records consent to `purpose` for the text `textVersion`, given by `method` at `at`.
    ///
    /// Throws the SDK's `gdpr.consent.*` codes (a method the purpose does not accept, …).
    pub fn give(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] purpose: JsValue,
        #[wasm_bindgen(js_name = textVersion, unchecked_param_type = "string")] text_version: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] at: JsValue,
    ) -> Result<(), SdkError> {
        let purpose: Purpose = read(&purpose, "purpose code")?;
        let method: ConsentMethod = read(&method, "consent method code")?;
        let version = TextVersion::new(&string_from_js(&text_version)?)?;
        self.0.give(purpose, version, method, time_from_js(&at)?)?;
        Ok(())
    }

    /// Whether consent to `purpose` is in force for the current text `textVersion`.
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] purpose: JsValue,
        #[wasm_bindgen(js_name = textVersion, unchecked_param_type = "string")] text_version: JsValue,
    ) -> Result<bool, SdkError> {
        let purpose: Purpose = read(&purpose, "purpose code")?;
        Ok(self
            .0
            .is_valid(purpose, &TextVersion::new(&string_from_js(&text_version)?)?))
    }
}

//! `POST /api/stays/import`: stays from a spreadsheet export.
//!
//! The first line names the columns (any order, English or French, case and accents ignored):
//!
//! | column | aliases | |
//! |---|---|---|
//! | `property` | `property_id`, `logement` | the property's name or id (required) |
//! | `guest_name` | `guest`, `name`, `voyageur`, `nom` | required |
//! | `arrival` | `check_in`, `arrivee` | `JJ/MM/AAAA` or `AAAA-MM-JJ` (required) |
//! | `departure` | `check_out`, `depart` | same (required) |
//! | `whatsapp_number` | `whatsapp`, `phone`, `telephone` | optional |
//! | `guests` | `voyageurs`, `personnes` | optional, a number |
//! | `source` | `canal` | `direct` (default), `airbnb`, `booking`, `vrbo`, anything else is `other` |
//! | `reference` | `external_uid`, `uid` | optional; the booking's reference |
//!
//! Fields are separated by `;` (French spreadsheets) or `,`, guessed from the header. Each line
//! stands alone: valid lines are stored even when others fail, and the report names every line.
//! A line updates the stay an earlier import made from the same reference (or, without one, the
//! same guest arriving the same day at the same property) instead of duplicating it.

use std::collections::HashMap;

use entity::property;
use protocol::stays::{ImportError, ImportReport};
use protocol::{ConciergerieId, PropertyId, StayOrigin, StaySource, StayStatus};
use sea_orm::ConnectionTrait;
use unicode_normalization::UnicodeNormalization;

use crate::db;
use crate::domain::required_text;
use crate::domain::stay::{external_uid, guest_address, spreadsheet_date, StayFields};
use crate::error::AppError;

/// The file as text. Excel writes a byte-order mark; other encodings are refused with the fix.
pub fn decode(body: &[u8]) -> Result<&str, AppError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).map_err(|_| {
        AppError::BadRequest(
            "the file is not UTF-8 text: export it as « CSV UTF-8 » from your spreadsheet".into(),
        )
    })?;
    if text.trim().is_empty() {
        return Err(AppError::BadRequest("the CSV file is empty".into()));
    }
    Ok(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Property,
    GuestName,
    Arrival,
    Departure,
    Whatsapp,
    Guests,
    Source,
    Reference,
}

const REQUIRED: [Column; 4] = [
    Column::Property,
    Column::GuestName,
    Column::Arrival,
    Column::Departure,
];

impl Column {
    fn from_header(raw: &str) -> Option<Column> {
        let key: String = raw
            .trim()
            .nfd()
            .filter(|c| c.is_ascii())
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Some(match key.as_str() {
            "property" | "property_id" | "logement" => Column::Property,
            "guest_name" | "guest" | "name" | "voyageur" | "nom" => Column::GuestName,
            "arrival" | "check_in" | "arrivee" => Column::Arrival,
            "departure" | "check_out" | "depart" => Column::Departure,
            "whatsapp_number" | "whatsapp" | "phone" | "telephone" => Column::Whatsapp,
            "guests" | "voyageurs" | "personnes" => Column::Guests,
            "source" | "canal" => Column::Source,
            "reference" | "external_uid" | "uid" => Column::Reference,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Column::Property => "property",
            Column::GuestName => "guest_name",
            Column::Arrival => "arrival",
            Column::Departure => "departure",
            Column::Whatsapp => "whatsapp_number",
            Column::Guests => "guests",
            Column::Source => "source",
            Column::Reference => "reference",
        }
    }
}

/// `;` when the header has more of them than commas (French spreadsheets), `,` otherwise.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// One line, validated: what to store and how to recognise an earlier import of it.
struct Line {
    fields: StayFields,
    reference: Option<String>,
}

/// The tenant's properties by id and by lower-cased name.
struct Properties(Vec<property::Model>);

impl Properties {
    fn resolve(&self, raw: &str) -> Result<PropertyId, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("the property is missing".into());
        }
        let by_id = raw
            .parse::<i64>()
            .ok()
            .and_then(|id| self.0.iter().find(|p| p.id == id));
        let wanted = raw.to_lowercase();
        by_id
            .or_else(|| self.0.iter().find(|p| p.name.to_lowercase() == wanted))
            .map(|p| PropertyId(p.id))
            .ok_or_else(|| format!("there is no property named `{raw}`"))
    }
}

fn source(raw: &str) -> StaySource {
    match raw.trim().to_lowercase().as_str() {
        "" | "direct" | "direct booking" => StaySource::Direct,
        "airbnb" => StaySource::Airbnb,
        "booking" | "booking.com" => StaySource::Booking,
        "vrbo" | "abritel" | "homeaway" => StaySource::Vrbo,
        _ => StaySource::Other,
    }
}

fn parse_line(cells: &HashMap<Column, String>, properties: &Properties) -> Result<Line, String> {
    let cell = |c: Column| cells.get(&c).map(|s| s.trim()).unwrap_or("");
    let date = |c: Column| {
        let raw = cell(c);
        spreadsheet_date(raw).ok_or_else(|| {
            format!(
                "{}: `{raw}` is not a date (expected JJ/MM/AAAA or AAAA-MM-JJ)",
                c.name()
            )
        })
    };
    let optional = |c: Column| Some(cell(c)).filter(|s| !s.is_empty());
    let guests = optional(Column::Guests)
        .map(|raw| {
            raw.parse::<i32>()
                .ok()
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(|| format!("guests: `{raw}` is not a number of guests (1 to 100)"))
        })
        .transpose()?;
    let fields = StayFields {
        property_id: properties.resolve(cell(Column::Property))?,
        guest_name: required_text("guest_name", cell(Column::GuestName), 200)
            .map_err(|e| e.to_string())?,
        whatsapp_number: optional(Column::Whatsapp)
            .map(guest_address)
            .transpose()
            .map_err(|e| e.to_string())?,
        phone_last_digits: None,
        arrival: date(Column::Arrival)?,
        departure: date(Column::Departure)?,
        guests,
        source: source(cell(Column::Source)),
        status: StayStatus::Confirmed,
    }
    .checked()
    .map_err(|e| e.to_string())?;
    let reference = optional(Column::Reference)
        .map(external_uid)
        .transpose()
        .map_err(|e| e.to_string())?;
    Ok(Line { fields, reference })
}

enum Stored {
    Created,
    Updated,
}

async fn store(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    line: Line,
) -> Result<Stored, AppError> {
    let existing = match &line.reference {
        Some(reference) => db::stays::find_by_uid(db, line.fields.property_id, reference).await?,
        None => {
            db::stays::find_by_guest_and_arrival(
                db,
                line.fields.property_id,
                &line.fields.guest_name,
                line.fields.arrival,
            )
            .await?
        }
    };
    match existing {
        Some(stay) => {
            // A calendar-given phone ending stays known across re-imports.
            let mut fields = line.fields;
            fields.phone_last_digits = stay.phone_last_digits.clone();
            db::stays::update(db, stay, fields).await?;
            Ok(Stored::Updated)
        }
        None => {
            db::stays::insert(db, tenant, line.fields, StayOrigin::Csv, line.reference).await?;
            Ok(Stored::Created)
        }
    }
}

/// Reads the whole file, stores every valid line, and reports on each.
pub async fn import(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    text: &str,
) -> Result<ImportReport, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::BadRequest(format!("the header line cannot be read: {e}")))?
        .clone();
    let columns: Vec<Option<Column>> = headers.iter().map(Column::from_header).collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !columns.contains(&Some(**c)))
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        return Err(AppError::BadRequest(format!(
            "the header line lacks the column(s) {}; it must name at least property, guest_name, arrival and departure",
            missing.join(", ")
        )));
    }
    let properties = Properties(db::properties::list(db, tenant).await?);

    let mut report = ImportReport::default();
    for (index, record) in reader.records().enumerate() {
        // The header is line 1; a record's own position is exact even with quoted newlines.
        let fallback_line = index as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(fallback_line);
                report.errors.push(ImportError {
                    line,
                    message: format!("unreadable line: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(fallback_line);
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cells: HashMap<Column, String> = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v.to_owned())))
            .collect();
        let parsed = match parse_line(&cells, &properties) {
            Ok(parsed) => parsed,
            Err(message) => {
                report.errors.push(ImportError { line, message });
                continue;
            }
        };
        match store(db, tenant, parsed).await {
            Ok(Stored::Created) => report.created.push(line),
            Ok(Stored::Updated) => report.updated.push(line),
            Err(AppError::Internal(e)) => {
                tracing::error!(error = ?e, line, "a CSV line could not be stored");
                report.errors.push(ImportError {
                    line,
                    message: "this line could not be stored (server error); try again".into(),
                });
            }
            Err(e) => report.errors.push(ImportError {
                line,
                message: e.to_string(),
            }),
        }
    }
    tracing::info!(
        created = report.created.len(),
        updated = report.updated.len(),
        errors = report.errors.len(),
        "CSV import of stays"
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_english_or_french() {
        assert_eq!(Column::from_header(" Arrivée "), Some(Column::Arrival));
        assert_eq!(Column::from_header("Départ"), Some(Column::Departure));
        assert_eq!(Column::from_header("Guest name"), Some(Column::GuestName));
        assert_eq!(Column::from_header("Téléphone"), Some(Column::Whatsapp));
        assert_eq!(Column::from_header("notes"), None);
    }

    #[test]
    fn the_separator_is_guessed_from_the_header() {
        assert_eq!(separator("logement;voyageur;arrivée;départ\n"), b';');
        assert_eq!(separator("property,guest_name,arrival,departure\n"), b',');
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_other_encodings_refused() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b").unwrap(), "a;b");
        assert!(decode(b"arriv\xe9e").is_err());
        assert!(decode(b"  \n").is_err());
    }

    #[test]
    fn sources_default_to_direct() {
        assert_eq!(source(""), StaySource::Direct);
        assert_eq!(source("Booking.com"), StaySource::Booking);
        assert_eq!(source("Abritel"), StaySource::Vrbo);
        assert_eq!(source("Gîtes de France"), StaySource::Other);
    }
}

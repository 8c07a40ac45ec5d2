//! Keeping stays in step with each property's calendar feeds, on a schedule and on demand.
//!
//! One run per property: fetch every feed, create the bookings not seen before (by `UID`),
//! move the dates of those that changed, and cancel the future feed stays whose event
//! disappeared. When any feed of the property fails, nothing is cancelled that run: a feed that
//! could not be read says nothing about which bookings still exist.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use entity::property;
use protocol::properties::SyncReport;
use protocol::{ConciergerieId, PropertyId, StayOrigin, StayStatus};
use sea_orm::DatabaseConnection;
use tokio::sync::Mutex;

use super::ical::FeedBooking;
use super::{fetch, ical};
use crate::db;
use crate::domain::stay::StayFields;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

#[derive(Clone)]
pub struct StaySync {
    db: DatabaseConnection,
    http: reqwest::Client,
    /// One run at a time (schedule and "sync now" alike), so two runs never race to create the
    /// same booking.
    running: Arc<Mutex<()>>,
}

impl StaySync {
    pub fn new(db: DatabaseConnection) -> Self {
        StaySync {
            db,
            http: fetch::client(),
            running: Arc::new(Mutex::new(())),
        }
    }

    /// Syncs one property now and records the outcome on it (`last_sync_at`, `last_sync_error`).
    pub async fn sync_property(&self, property: property::Model) -> Result<SyncReport, AppError> {
        let _running = self.running.lock().await;
        let id = PropertyId(property.id);
        let tenant = ConciergerieId(property.conciergerie_id);
        let zone = TimeZone::stored(&property.time_zone);
        let mut report = SyncReport::default();
        let mut bookings: Vec<FeedBooking> = Vec::new();
        for url in property.ical_urls() {
            match fetch::feed(&self.http, &url).await {
                Ok(text) => match ical::bookings(&text, &url, zone) {
                    Ok(found) => bookings.extend(found),
                    Err(e) => report.errors.push(format!("{url}: {e}")),
                },
                Err(e) => report.errors.push(e),
            }
        }
        // A UID listed twice (two feeds of one listing) is one booking: the first wins.
        let mut seen: Vec<String> = Vec::new();
        bookings.retain(|b| {
            let new = !seen.contains(&b.uid);
            if new {
                seen.push(b.uid.clone());
            }
            new
        });
        for booking in bookings {
            match self.apply(tenant, id, booking).await? {
                Applied::Created => report.created += 1,
                Applied::Updated => report.updated += 1,
                Applied::Unchanged => {}
            }
        }
        if report.errors.is_empty() {
            // A booking arriving today (the property's today) may still be cancelled.
            let today = zone.today(Utc::now());
            let cancelled =
                db::stays::cancel_vanished_from_feed(&self.db, id, &seen, today).await?;
            report.cancelled = u32::try_from(cancelled).unwrap_or(u32::MAX);
        }
        let error = (!report.errors.is_empty()).then(|| report.errors.join("; "));
        db::properties::record_sync(&self.db, id, Utc::now(), error).await?;
        tracing::info!(
            property = %id,
            created = report.created,
            updated = report.updated,
            cancelled = report.cancelled,
            errors = report.errors.len(),
            "calendar sync"
        );
        Ok(report)
    }

    async fn apply(
        &self,
        tenant: ConciergerieId,
        property: PropertyId,
        booking: FeedBooking,
    ) -> Result<Applied, AppError> {
        let Some(stay) = db::stays::find_by_uid(&self.db, property, &booking.uid).await? else {
            let fields = StayFields {
                property_id: property,
                guest_name: booking.guest_name,
                whatsapp_number: None,
                phone_last_digits: booking.phone_last_digits,
                arrival: booking.arrival,
                departure: booking.departure,
                guests: None,
                source: booking.source,
                status: StayStatus::Confirmed,
            };
            db::stays::insert(
                &self.db,
                tenant,
                fields,
                StayOrigin::Ical,
                Some(booking.uid),
            )
            .await?;
            return Ok(Applied::Created);
        };
        // The feed owns the dates and the booking's existence; what an operator added (the
        // guest's real name, WhatsApp number, head count) is kept.
        let mut fields = db::stays::fields_of(&stay);
        fields.arrival = booking.arrival;
        fields.departure = booking.departure;
        fields.status = StayStatus::Confirmed;
        if booking.phone_last_digits.is_some() {
            fields.phone_last_digits = booking.phone_last_digits;
        }
        if fields == db::stays::fields_of(&stay) {
            return Ok(Applied::Unchanged);
        }
        db::stays::update(&self.db, stay, fields).await?;
        Ok(Applied::Updated)
    }

    /// Syncs every property that has feeds, one after the other.
    pub async fn sync_all(&self) {
        let properties = match db::properties::with_feeds(&self.db).await {
            Ok(properties) => properties,
            Err(e) => {
                tracing::error!(error = %e, "cannot list the properties to sync");
                return;
            }
        };
        for property in properties {
            let id = property.id;
            if let Err(e) = self.sync_property(property).await {
                tracing::error!(property = id, error = %e, "calendar sync failed");
            }
        }
    }

    /// Runs `sync_all` now and then every `every`.
    pub fn spawn_schedule(self, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            // After a long pause (a suspended machine) one run is enough.
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                ticks.tick().await;
                self.sync_all().await;
            }
        })
    }
}

enum Applied {
    Created,
    Updated,
    Unchanged,
}

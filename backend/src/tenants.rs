//! An in-memory directory of the conciergeries, for the hot paths: routing a webhook by its `To`
//! or `MessagingServiceSid`, and knowing a tenant's AI mode without a query per message. It is
//! reloaded from the database whenever a conciergerie changes; the database stays the truth.

use std::sync::Arc;

use dashmap::DashMap;
use entity::conciergerie;
use protocol::{AiMode, ConciergerieId};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};

#[derive(Debug, Clone, PartialEq)]
pub struct TenantInfo {
    pub id: ConciergerieId,
    pub name: String,
    pub whatsapp_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub ai_mode: AiMode,
    pub active: bool,
    /// USD per UTC day this conciergerie may spend on Claude; `None`: no limit.
    pub ai_daily_budget_usd: Option<f64>,
}

impl From<conciergerie::Model> for TenantInfo {
    fn from(m: conciergerie::Model) -> Self {
        TenantInfo {
            id: ConciergerieId(m.id),
            name: m.name,
            whatsapp_number: m.whatsapp_number,
            messaging_service_sid: m.messaging_service_sid,
            ai_mode: m.ai_mode,
            active: m.active,
            ai_daily_budget_usd: m.ai_daily_budget_usd,
        }
    }
}

#[derive(Default)]
pub struct Tenants {
    by_id: DashMap<ConciergerieId, Arc<TenantInfo>>,
}

impl Tenants {
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let tenants = Tenants::default();
        tenants.reload(db).await?;
        Ok(tenants)
    }

    /// Re-reads every conciergerie. Called after any change to one (they are few and small).
    pub async fn reload(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let rows = conciergerie::Entity::find().all(db).await?;
        let ids: Vec<ConciergerieId> = rows.iter().map(|r| ConciergerieId(r.id)).collect();
        for row in rows {
            let info = TenantInfo::from(row);
            self.by_id.insert(info.id, Arc::new(info));
        }
        self.by_id.retain(|id, _| ids.contains(id));
        Ok(())
    }

    pub fn get(&self, id: ConciergerieId) -> Option<Arc<TenantInfo>> {
        self.by_id.get(&id).map(|t| t.clone())
    }

    /// The conciergerie a webhook belongs to: by its WhatsApp number (`To`) first, then by the
    /// messaging service that sent it (numbers in a service's pool need not be registered).
    /// A deactivated conciergerie routes nothing: its guests' messages are kept as unrouted, for
    /// the admin to see and assign, rather than delivered to an account nobody may open.
    pub fn route(&self, to: &str, messaging_service_sid: Option<&str>) -> Option<Arc<TenantInfo>> {
        let by_number = self
            .by_id
            .iter()
            .find(|t| t.active && t.whatsapp_number.as_deref() == Some(to))
            .map(|t| t.clone());
        by_number.or_else(|| {
            let sid = messaging_service_sid?;
            self.by_id
                .iter()
                .find(|t| t.active && t.messaging_service_sid.as_deref() == Some(sid))
                .map(|t| t.clone())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: i64, number: Option<&str>, msid: Option<&str>) -> Arc<TenantInfo> {
        Arc::new(TenantInfo {
            id: ConciergerieId(id),
            name: format!("t{id}"),
            whatsapp_number: number.map(str::to_owned),
            messaging_service_sid: msid.map(str::to_owned),
            ai_mode: AiMode::Auto,
            active: true,
            ai_daily_budget_usd: None,
        })
    }

    #[test]
    fn routes_by_number_then_by_messaging_service() {
        let t = Tenants::default();
        t.by_id
            .insert(ConciergerieId(1), tenant(1, Some("whatsapp:+331"), None));
        t.by_id
            .insert(ConciergerieId(2), tenant(2, None, Some("MG2")));
        assert_eq!(
            t.route("whatsapp:+331", Some("MG2")).unwrap().id,
            ConciergerieId(1)
        );
        assert_eq!(
            t.route("whatsapp:+339", Some("MG2")).unwrap().id,
            ConciergerieId(2)
        );
        assert!(t.route("whatsapp:+339", Some("MG9")).is_none());
        assert!(t.route("whatsapp:+339", None).is_none());
        let mut inactive = (*tenant(3, Some("whatsapp:+333"), Some("MG3"))).clone();
        inactive.active = false;
        t.by_id.insert(ConciergerieId(3), Arc::new(inactive));
        assert!(t.route("whatsapp:+333", Some("MG3")).is_none());
    }
}

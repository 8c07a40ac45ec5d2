//! The Majordome server as a library: `Application::build` wires configuration, database, actors
//! and HTTP routes, so `main.rs` stays thin and tests start the real server on a random port.

pub mod access_log;
pub mod actors;
pub mod ai;
pub mod api;
pub mod assets;
pub mod auth;
pub mod automations;
pub mod channel;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod http_edge;
pub mod inbound;
pub mod lifecycle;
pub mod metrics;
pub mod seed;
pub mod snoozes;
pub mod state;
pub mod stays;
pub mod telemetry;
pub mod tenants;
pub mod ws;

use std::net::TcpListener;
use std::sync::Arc;

use actix::Actor;
use actix_web::dev::{Server, ServerHandle};
use actix_web::{middleware, web, App, HttpServer};

use crate::actors::conversation::state::Rules;
use crate::actors::conversation::Deps;
use crate::actors::hub::SessionHub;
use crate::actors::registry::Registry;
use crate::ai::claude::ClaudeClient;
use crate::ai::spending::Spending;
use crate::ai::Responder;
use crate::auth::rate_limit::LoginLimiter;
use crate::channel::twilio::client::TwilioClient;
use crate::channel::Channel;
use crate::cluster::leases::Leases;
use crate::cluster::Fanout;
use crate::config::Config;
use crate::db::ingest::IngestWriter;
use crate::error::{extractors, AppError};
use crate::http_edge::request_limits::RequestLimits;
use crate::lifecycle::{Lifecycle, Shutdown};
use crate::state::AppState;
use crate::stays::sync::StaySync;
use crate::tenants::Tenants;
use crate::ws::limits::SocketLimits;

/// Largest JSON body accepted by the API (a FAQ answer or a message is far below it).
pub const JSON_LIMIT: usize = 64 * 1024;
/// Largest webhook form accepted (Twilio's are a few KiB even with ten media).
pub const FORM_LIMIT: usize = 64 * 1024;
/// How long a delivery status for a send that has not answered yet is kept before it is dropped.
const PARK_STATUS_FOR: chrono::Duration = chrono::Duration::seconds(60);
/// With several instances, how often each looks for conversations a dead instance left.
const TAKEOVER_SWEEP: std::time::Duration = std::time::Duration::from_secs(2);

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    /// The scheduled calendar sync; stopped with the server.
    calendar_sync: Option<tokio::task::JoinHandle<()>>,
    /// The scheduled messages' runs; stopped with the server.
    scheduled_messages: Option<tokio::task::JoinHandle<()>>,
    /// With several instances: the takeover of conversations a dead instance left.
    takeover: Option<tokio::task::JoinHandle<()>>,
    /// The snooze sweep; stopped with the server.
    snooze_sweep: Option<tokio::task::JoinHandle<()>>,
    /// Stored messages into SQLite's full-text index; stopped with the server.
    search_indexing: Option<tokio::task::JoinHandle<()>>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        config.check_safe_to_go_live()?;
        auth::password::prepare_dummy_hash().await?;
        let db = db::connect(&config).await?;
        db::exclusive_startup(&db, async {
            db::migrate(&db).await?;
            seed::run(&db, &config).await
        })
        .await?;

        let listener = TcpListener::bind((config.host.as_str(), config.port)).map_err(|e| {
            anyhow::anyhow!("cannot listen on {}:{}: {e}", config.host, config.port)
        })?;
        let port = listener.local_addr()?.port();
        let public_base_url = config
            .public_base_url
            .clone()
            .unwrap_or_else(|| format!("http://localhost:{port}"));
        let modes = config.runtime_modes();
        tracing::info!(
            "Majordome listening on http://{}:{port} (public URL {public_base_url}); channel: {}, AI: {}",
            config.host,
            modes.channel,
            modes.ai
        );

        let channel = match &config.twilio {
            Some(credentials) => Channel::Twilio(TwilioClient::new(
                config.twilio_api_base.clone(),
                credentials.clone(),
                config.twilio_timeout,
            )),
            None => Channel::Simulator,
        };
        let responder = match &config.anthropic_api_key {
            Some(key) => Responder::Claude(ClaudeClient::new(
                config.anthropic_api_base.clone(),
                key.clone(),
                config.anthropic_model.clone(),
                config.claude_timeout,
                config.claude_max_retries,
            )),
            None => Responder::Offline,
        };
        let db_for_writer = db::connect_writer(&config, &db).await?;
        let tenants = Arc::new(Tenants::load(&db).await?);
        if config.anthropic_api_key.is_some()
            && ai::pricing::Prices::known(&config.anthropic_model).is_none()
            && std::env::var("AI_PRICES_PER_MTOK").is_err()
        {
            tracing::warn!(model = %config.anthropic_model, "no list prices known for this model: cost figures and budgets use Opus-tier prices; set AI_PRICES_PER_MTOK");
        }
        let spending = Arc::new(
            Spending::load(
                &db,
                config.ai_prices,
                config.ai_max_calls_per_hour,
                chrono::Utc::now(),
            )
            .await?,
        );
        let hub = SessionHub::default().start();
        let conversations = Arc::new(std::sync::OnceLock::new());
        let fanout = Fanout::start(cluster::Local {
            hub: hub.clone(),
            tenants: tenants.clone(),
            db: db.clone(),
            conversations: conversations.clone(),
        })
        .await?;
        let ingest = IngestWriter::start(db_for_writer);
        let deps = Arc::new(Deps {
            db: db.clone(),
            ingest: ingest.clone(),
            fanout: fanout.clone(),
            channel: channel.clone(),
            responder: responder.clone(),
            tenants: tenants.clone(),
            spending: spending.clone(),
            rules: Rules {
                burst_window: config.ai_burst_window,
                takeover_quiet: chrono::Duration::from_std(config.ai_takeover_quiet)
                    .unwrap_or(chrono::Duration::minutes(30)),
                park_for: PARK_STATUS_FOR,
            },
            idle_timeout: config.actor_idle_timeout,
            sensitive_lead: chrono::Duration::from_std(config.sensitive_lead)
                .unwrap_or(chrono::Duration::hours(48)),
            default_sender: config.twilio_whatsapp_number.clone(),
            status_callback_url: format!("{public_base_url}/webhook/whatsapp/status"),
            public_base_url: public_base_url.clone(),
            resume_grace: config.twilio_resume_grace,
        });
        let socket_limits = Arc::new(SocketLimits::new(
            config.ws_max_per_token,
            config.ws_max_per_conciergerie,
            fanout.is_clustered().then(|| {
                cluster::sockets::ClusterSockets::start(db.get_postgres_connection_pool().clone())
            }),
        ));
        let request_limits =
            RequestLimits::new(config.simulator_rate, config.login_rate, config.media_rate);
        let registry = if fanout.is_clustered() {
            // Conversations are owned through PostgreSQL locks; losing their connection loses
            // them all, so every local actor stops at once.
            let slot = conversations.clone();
            let on_lost: Arc<dyn Fn() + Send + Sync> = Arc::new(move || {
                if let Some(registry) = slot.get() {
                    Registry::stop_all(registry);
                }
            });
            let leases = Leases::start(db.get_postgres_connection_pool().clone(), on_lost);
            Registry::clustered(deps.clone(), leases)
        } else {
            Registry::new(deps.clone())
        };
        let _ = conversations.set(registry.clone());
        actors::conversation::resume_unanswered(&deps, &registry).await?;
        actors::conversation::resume_pending_sends(&deps, &registry).await?;
        // Several instances: what a dead one left is taken over within seconds.
        let takeover = registry.is_clustered().then(|| {
            actors::conversation::spawn_takeover(deps.clone(), registry.clone(), TAKEOVER_SWEEP)
        });
        let login_limiter = LoginLimiter::for_database(
            &db,
            auth::rate_limit::Policy {
                first_delay: config.login_first_delay,
                ..Default::default()
            },
        );
        let search_index = db::search_index::SearchIndex::open(&config, db.clone()).await?;
        let state = web::Data::new(AppState {
            responder,
            tenants,
            spending,
            ingest,
            hub,
            fanout,
            lifecycle: Lifecycle::default(),
            stay_sync: StaySync::new(db.clone()),
            guest_stays: Arc::new(stays::link::GuestStays::new()),
            search_index,
            db,
            config: Arc::new(config),
            public_base_url,
            channel,
            registry,
            login_limiter,
            socket_limits,
            request_limits,
        });
        let sync_every = state.config.ical_sync_interval;
        let calendar_sync =
            (!sync_every.is_zero()).then(|| state.stay_sync.clone().spawn_schedule(sync_every));
        let automation_every = state.config.automation_interval;
        let scheduled_messages = (!automation_every.is_zero())
            .then(|| automations::spawn_schedule(state.clone(), automation_every));
        let sweep_every = state.config.snooze_sweep_interval;
        let snooze_sweep =
            (!sweep_every.is_zero()).then(|| snoozes::spawn_sweep(state.clone(), sweep_every));
        let index_every = state.config.search_index_interval;
        let search_indexing =
            (!index_every.is_zero()).then(|| state.search_index.clone().spawn(index_every));
        let app_state = state.clone();
        let csp = http_edge::security_headers::content_security_policy(&assets::index_pages());
        let https = state.secure_cookies();
        let stalled_peer = state.config.ws_stall_timeout;
        let server = HttpServer::new(move || {
            App::new()
                .app_data(app_state.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(JSON_LIMIT)
                        .error_handler(extractors::json),
                )
                .app_data(
                    web::FormConfig::default()
                        .limit(FORM_LIMIT)
                        .error_handler(extractors::form),
                )
                .app_data(web::PathConfig::default().error_handler(extractors::path))
                .app_data(web::QueryConfig::default().error_handler(extractors::query))
                .wrap(middleware::from_fn(http_edge::body_deadline::body_deadline))
                .wrap(http_edge::security_headers::middleware(&csp, https))
                .wrap(middleware::from_fn(access_log::log))
                .configure(api::configure)
                .configure(ws::configure)
                .configure(assets::configure)
                .default_service(web::to(|| async {
                    Err::<actix_web::HttpResponse, _>(AppError::NotFound("route"))
                }))
        })
        // Live events are small frames sent back to back; with Nagle's algorithm the second one
        // waits for the browser's delayed ACK (~40 ms). Dashboards want them at once.
        .on_connect(move |connection, _| {
            if let Some(socket) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                let _ = socket.set_nodelay(true);
                // A client that stops reading (its window stays shut) or vanishes is cut off
                // by the kernel after this long; its socket's actor and buffers are then freed.
                // Nothing else would end a WebSocket whose writes are blocked.
                #[cfg(any(target_os = "linux", target_os = "android"))]
                let _ = socket2::SockRef::from(socket).set_tcp_user_timeout(Some(stalled_peer));
            }
        })
        .listen(listener)?
        .shutdown_timeout(5)
        // `run_until_stopped` handles the signals: it closes the WebSockets before stopping.
        .disable_signals()
        .run();
        Ok(Application {
            port,
            server,
            state,
            calendar_sync,
            scheduled_messages,
            takeover,
            snooze_sweep,
            search_indexing,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Stops this server gracefully (what SIGTERM does): see `lifecycle`.
    pub fn shutdown_handle(&self) -> Shutdown {
        Shutdown {
            server: self.server.handle(),
            state: self.state.clone(),
        }
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let shutdown = self.shutdown_handle();
        // A task of its own: stopping waits for the server future, which only this function polls.
        let on_signal = tokio::spawn(async move {
            lifecycle::termination_signal().await;
            tracing::info!("termination signal: shutting down gracefully");
            shutdown.run().await;
        });
        let result = self.server.await;
        on_signal.abort();
        self.state.fanout.stop();
        // A stopped server must not keep syncing into its database (tests restart on one file).
        // Its conversations' locks go with their connection: the other instances take over.
        self.state.registry.stop_leases();
        // Its sockets are closed: their places in the cluster's count are given back now rather
        // than when their rows go stale.
        if let Some(sockets) = self.state.socket_limits.cluster() {
            sockets.stop().await;
        }
        for task in [
            self.calendar_sync,
            self.scheduled_messages,
            self.takeover,
            self.snooze_sweep,
            self.search_indexing,
        ]
        .into_iter()
        .flatten()
        {
            task.abort();
        }
        result
    }
}

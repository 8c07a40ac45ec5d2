//! Configuration from the environment, validated once at start-up.
//!
//! Every variable of DESIGN.md's table is read here; a bad value stops the server with a message
//! naming the variable, rather than failing later in some request.

use std::collections::HashMap;
use std::time::Duration;

use protocol::auth::RuntimeModes;
use protocol::{AiEngine, ChannelMode};

pub const DEFAULT_ADMIN_EMAIL: &str = "admin@example.com";
pub const DEFAULT_ADMIN_PASSWORD: &str = "admin123";

#[derive(Debug, thiserror::Error)]
#[error("{var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

#[derive(Clone)]
pub struct TwilioCredentials {
    pub account_sid: String,
    pub auth_token: String,
}

impl std::fmt::Debug for TwilioCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioCredentials")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"<redacted>")
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub host: String,
    /// `0` picks a free port (tests).
    pub port: u16,
    /// `None`: `http://localhost:{bound port}`.
    pub public_base_url: Option<String>,
    /// `None`: offline mode, replies go to the built-in guest simulator.
    pub twilio: Option<TwilioCredentials>,
    /// Auth token used to check webhook signatures. Usually the account's; kept apart so a
    /// deployment can receive signed webhooks even while sending is offline.
    pub twilio_auth_token: Option<String>,
    pub twilio_whatsapp_number: String,
    pub twilio_api_base: String,
    /// `TWILIO_TIMEOUT_SECS`: how long a send waits for Twilio's answer before the message is
    /// looked up in Twilio's list instead.
    pub twilio_timeout: Duration,
    /// `TWILIO_RESUME_GRACE_SECS`: a reply left pending by a crash is looked up in Twilio's message
    /// list only this long after it was stored. A message Twilio accepted but has not sent yet has
    /// no `DateSent`, so the list's `DateSent>` filter cannot find it: looked up too early, it
    /// would be sent a second time. Default 10.
    pub twilio_resume_grace: Duration,
    /// `None`: the offline FAQ responder answers.
    pub anthropic_api_key: Option<String>,
    pub anthropic_model: String,
    pub anthropic_api_base: String,
    pub admin_email: String,
    pub admin_password: String,
    /// Create the demo conciergerie on an empty database. Defaults to true offline and false once
    /// Twilio is configured, so going live never hands the real number to the demo account.
    pub seed_demo: bool,
    /// `SEED_DEMO=true` was set explicitly: a sandbox that may run live with demo credentials.
    pub demo_sandbox: bool,
    pub session_ttl: Duration,
    /// An idle conversation actor stops after this long; the database keeps the truth.
    pub actor_idle_timeout: Duration,
    /// Guest messages closer together than this get one AI reply.
    pub ai_burst_window: Duration,
    /// After an operator replies, the AI stays quiet this long unless handed back earlier.
    pub ai_takeover_quiet: Duration,
    pub claude_timeout: Duration,
    pub claude_max_retries: u32,
    /// How often every property's calendar feeds are fetched; zero turns the schedule off
    /// (`POST /api/properties/{id}/sync` still works).
    pub ical_sync_interval: Duration,
    /// `TRUSTED_PROXY`: addresses of the reverse proxies whose `X-Forwarded-For` names the
    /// client. Empty: the TCP peer is the client and forwarded headers are ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How long before arrival the guest of a stay may read its property's sensitive entries
    /// (door codes); they stay readable until the end of the departure day.
    pub sensitive_lead: Duration,
    /// `METRICS_TOKEN`: the bearer token `GET /metrics` requires. Unset: no `/metrics` (404).
    pub metrics_token: Option<String>,
    /// `SHUTDOWN_DRAIN_MS`: on shutdown, how long the instance reports not ready (while still
    /// serving) before it closes its WebSockets and stops; give the load balancer's health check
    /// interval. Default 0.
    pub shutdown_drain: Duration,
    /// USD per million tokens for cost figures and budgets: `AI_PRICES_PER_MTOK`, else the list
    /// prices of `anthropic_model`.
    pub ai_prices: crate::ai::pricing::Prices,
    /// `AI_MAX_CALLS_PER_HOUR`: Claude calls one conversation may cause per rolling hour (0: no
    /// ceiling).
    pub ai_max_calls_per_hour: u32,
    /// `WS_MAX_PER_TOKEN`: live sockets one login session may hold.
    pub ws_max_per_token: usize,
    /// `WS_MAX_PER_CONCIERGERIE`: live sockets of one conciergerie (and of the admins together).
    pub ws_max_per_conciergerie: usize,
    /// `LOGIN_FIRST_DELAY_SECS`: after three failed logins of one email from one address, the
    /// wait before the next attempt (doubled by each further failure). Default 1.
    pub login_first_delay: Duration,
    /// `WS_STALL_TIMEOUT_SECS`: a client that leaves sent data unacknowledged (stopped reading,
    /// or gone) this long is disconnected by the kernel (`TCP_USER_TIMEOUT`).
    pub ws_stall_timeout: Duration,
    /// `SIMULATOR_RATE_PER_MIN` / `SIMULATOR_BURST`: simulated guest messages per conciergerie.
    pub simulator_rate: crate::http_edge::request_limits::Rate,
    /// `LOGIN_RATE_PER_MIN` / `LOGIN_BURST`: login requests (operator and admin) per client
    /// address, whatever their outcome.
    pub login_rate: crate::http_edge::request_limits::Rate,
    /// `MEDIA_RATE_PER_MIN` / `MEDIA_BURST`: requests for public attachment files
    /// (`/media/out/{id}`) per client address.
    pub media_rate: crate::http_edge::request_limits::Rate,
    /// How late a scheduled message may still go out after its time (after downtime); later
    /// than that it is skipped rather than sent out of context.
    pub automation_max_lateness: Duration,
    /// How often due scheduled messages are looked for; zero turns the schedule off.
    pub automation_interval: Duration,
    /// `SNOOZE_SWEEP_MS`: how often snoozed conversations whose time has come are woken; zero
    /// turns the sweep off.
    pub snooze_sweep_interval: Duration,
    /// `SEARCH_INDEX_MS`: how often messages stored meanwhile enter SQLite's full-text index
    /// (each search also catches it up first); zero leaves it to the searches alone.
    pub search_index_interval: Duration,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Builds a configuration from explicit values, as if they were the environment.
    pub fn from_map(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        Self::from_lookup(|k| vars.get(k).cloned())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        // An empty value counts as unset, as in most `.env` tooling.
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://concierge.db?mode=rwc".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError {
                var: "DATABASE_URL",
                message: format!("`{database_url}` is neither a sqlite: nor a postgres:// URL"),
            });
        }
        let host = get("HOST").unwrap_or_else(|| "127.0.0.1".into());
        let port = parse(&get, "PORT", 3000u16)?;
        let public_base_url = match get("PUBLIC_BASE_URL") {
            Some(raw) => {
                let url = url::Url::parse(&raw).map_err(|e| ConfigError {
                    var: "PUBLIC_BASE_URL",
                    message: format!("`{raw}` is not a URL: {e}"),
                })?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err(ConfigError {
                        var: "PUBLIC_BASE_URL",
                        message: "must be http or https".into(),
                    });
                }
                Some(raw.trim_end_matches('/').to_owned())
            }
            None if port != 0 => Some(format!("http://localhost:{port}")),
            None => None,
        };
        let twilio = match (get("TWILIO_ACCOUNT_SID"), get("TWILIO_AUTH_TOKEN")) {
            (Some(account_sid), Some(auth_token)) => Some(TwilioCredentials {
                account_sid,
                auth_token,
            }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError {
                    var: "TWILIO_AUTH_TOKEN",
                    message: "is required when TWILIO_ACCOUNT_SID is set".into(),
                })
            }
            (None, Some(_)) => {
                return Err(ConfigError {
                    var: "TWILIO_ACCOUNT_SID",
                    message: "is required when TWILIO_AUTH_TOKEN is set".into(),
                })
            }
        };
        let twilio_auth_token = twilio.as_ref().map(|t| t.auth_token.clone());
        let twilio_whatsapp_number =
            get("TWILIO_WHATSAPP_NUMBER").unwrap_or_else(|| "whatsapp:+14155238886".into());
        crate::domain::WhatsAppNumber::parse(&twilio_whatsapp_number).map_err(|message| {
            ConfigError {
                var: "TWILIO_WHATSAPP_NUMBER",
                message,
            }
        })?;
        let twilio_api_base = base_url(&get, "TWILIO_API_BASE", "https://api.twilio.com")?;
        let anthropic_api_base = base_url(&get, "ANTHROPIC_API_BASE", "https://api.anthropic.com")?;
        let explicit_seed_demo = match get("SEED_DEMO")
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None => None,
            Some("true" | "1" | "yes" | "on") => Some(true),
            Some("false" | "0" | "no" | "off") => Some(false),
            Some(other) => {
                return Err(ConfigError {
                    var: "SEED_DEMO",
                    message: format!("`{other}` is not true or false"),
                })
            }
        };
        let seed_demo = explicit_seed_demo.unwrap_or(twilio.is_none());
        let anthropic_model = get("ANTHROPIC_MODEL").unwrap_or_else(|| "claude-haiku-5-5".into());
        let ai_prices = match get("AI_PRICES_PER_MTOK") {
            Some(raw) => {
                crate::ai::pricing::Prices::parse(&raw).map_err(|message| ConfigError {
                    var: "AI_PRICES_PER_MTOK",
                    message,
                })?
            }
            None => crate::ai::pricing::Prices::for_model(&anthropic_model),
        };

        Ok(Config {
            database_url,
            host,
            port,
            public_base_url,
            twilio,
            twilio_auth_token,
            twilio_whatsapp_number,
            twilio_api_base,
            twilio_timeout: Duration::from_secs(parse(&get, "TWILIO_TIMEOUT_SECS", 20u64)?),
            twilio_resume_grace: Duration::from_secs(parse(
                &get,
                "TWILIO_RESUME_GRACE_SECS",
                10u64,
            )?),
            anthropic_api_key: get("ANTHROPIC_API_KEY"),
            anthropic_model,
            anthropic_api_base,
            admin_email: get("ADMIN_EMAIL")
                .unwrap_or_else(|| DEFAULT_ADMIN_EMAIL.into())
                .to_lowercase(),
            admin_password: get("ADMIN_PASSWORD").unwrap_or_else(|| DEFAULT_ADMIN_PASSWORD.into()),
            seed_demo,
            demo_sandbox: explicit_seed_demo == Some(true),
            session_ttl: Duration::from_secs(3600 * parse(&get, "SESSION_TTL_HOURS", 24 * 7u64)?),
            actor_idle_timeout: Duration::from_secs(parse(&get, "ACTOR_IDLE_SECS", 300u64)?),
            ai_burst_window: Duration::from_millis(parse(&get, "AI_BURST_WINDOW_MS", 2500u64)?),
            ai_takeover_quiet: Duration::from_secs(
                60 * parse(&get, "AI_TAKEOVER_QUIET_MINUTES", 30u64)?,
            ),
            claude_timeout: Duration::from_secs(parse(&get, "ANTHROPIC_TIMEOUT_SECS", 30u64)?),
            claude_max_retries: parse(&get, "ANTHROPIC_MAX_RETRIES", 3u32)?,
            sensitive_lead: Duration::from_secs(3600 * parse(&get, "SENSITIVE_LEAD_HOURS", 48u64)?),
            metrics_token: get("METRICS_TOKEN"),
            shutdown_drain: Duration::from_millis(parse(&get, "SHUTDOWN_DRAIN_MS", 0u64)?),
            automation_max_lateness: Duration::from_secs(
                60 * parse(&get, "AUTOMATION_MAX_LATENESS_MINUTES", 360u64)?,
            ),
            automation_interval: Duration::from_secs(parse(
                &get,
                "AUTOMATION_INTERVAL_SECS",
                60u64,
            )?),
            snooze_sweep_interval: Duration::from_millis(parse(
                &get,
                "SNOOZE_SWEEP_MS",
                15_000u64,
            )?),
            search_index_interval: Duration::from_millis(parse(&get, "SEARCH_INDEX_MS", 250u64)?),
            ical_sync_interval: Duration::from_secs(parse(
                &get,
                "ICAL_SYNC_INTERVAL_SECS",
                3600u64,
            )?),
            trusted_proxies: trusted_proxies(get("TRUSTED_PROXY"))?,
            ai_prices,
            ai_max_calls_per_hour: parse(&get, "AI_MAX_CALLS_PER_HOUR", 20u32)?,
            ws_max_per_token: parse(&get, "WS_MAX_PER_TOKEN", 8usize)?,
            ws_max_per_conciergerie: parse(&get, "WS_MAX_PER_CONCIERGERIE", 200usize)?,
            ws_stall_timeout: Duration::from_secs(parse(&get, "WS_STALL_TIMEOUT_SECS", 30u64)?),
            login_first_delay: Duration::from_secs(parse(&get, "LOGIN_FIRST_DELAY_SECS", 1u64)?),
            simulator_rate: crate::http_edge::request_limits::Rate {
                per_minute: parse(&get, "SIMULATOR_RATE_PER_MIN", 60u32)?,
                burst: parse(&get, "SIMULATOR_BURST", 20u32)?,
            },
            login_rate: crate::http_edge::request_limits::Rate {
                per_minute: parse(&get, "LOGIN_RATE_PER_MIN", 60u32)?,
                burst: parse(&get, "LOGIN_BURST", 20u32)?,
            },
            media_rate: crate::http_edge::request_limits::Rate {
                per_minute: parse(&get, "MEDIA_RATE_PER_MIN", 120u32)?,
                burst: parse(&get, "MEDIA_BURST", 60u32)?,
            },
        })
    }

    pub fn runtime_modes(&self) -> RuntimeModes {
        RuntimeModes {
            channel: if self.twilio.is_some() {
                ChannelMode::Twilio
            } else {
                ChannelMode::Simulator
            },
            ai: if self.anthropic_api_key.is_some() {
                AiEngine::Claude
            } else {
                AiEngine::OfflineFaq
            },
        }
    }

    pub fn uses_default_admin_password(&self) -> bool {
        self.admin_password == DEFAULT_ADMIN_PASSWORD
    }

    /// Refuses a live start (Twilio configured) that would keep the demo admin password, unless
    /// the operator explicitly asked for a sandbox with `SEED_DEMO=true`. Offline mode is a
    /// playground and starts with the demo accounts as before.
    pub fn check_safe_to_go_live(&self) -> Result<(), ConfigError> {
        if self.twilio.is_none() || self.demo_sandbox {
            return Ok(());
        }
        if self.uses_default_admin_password() {
            return Err(ConfigError {
                var: "ADMIN_PASSWORD",
                message: format!(
                    "Twilio is configured (live mode) but the platform admin would use the demo \
                     password `{DEFAULT_ADMIN_PASSWORD}`: set ADMIN_EMAIL and ADMIN_PASSWORD, or set \
                     SEED_DEMO=true explicitly for a sandbox"
                ),
            });
        }
        Ok(())
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

fn parse<T: std::str::FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: T,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match get(var) {
        None => Ok(default),
        Some(raw) => raw.parse().map_err(|e| ConfigError {
            var,
            message: format!("`{raw}`: {e}"),
        }),
    }
}

fn trusted_proxies(raw: Option<String>) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    raw.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse().map_err(|_| ConfigError {
                var: "TRUSTED_PROXY",
                message: format!(
                    "`{s}` is not an IP address (list the reverse proxies' addresses, comma-separated)"
                ),
            })
        })
        .collect()
}

fn base_url(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: &str,
) -> Result<String, ConfigError> {
    let raw = get(var).unwrap_or_else(|| default.into());
    url::Url::parse(&raw).map_err(|e| ConfigError {
        var,
        message: format!("`{raw}` is not a URL: {e}"),
    })?;
    Ok(raw.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_map(&map)
    }

    #[test]
    fn defaults_follow_the_design_table() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://concierge.db?mode=rwc");
        assert_eq!((c.host.as_str(), c.port), ("127.0.0.1", 3000));
        assert_eq!(c.public_base_url.as_deref(), Some("http://localhost:3000"));
        assert_eq!(c.twilio_whatsapp_number, "whatsapp:+14155238886");
        assert_eq!(c.anthropic_model, "claude-haiku-5-5");
        assert!(c.twilio.is_none() && c.anthropic_api_key.is_none() && c.seed_demo);
        assert_eq!(c.ical_sync_interval, Duration::from_secs(3600));
        assert_eq!(c.runtime_modes().channel, ChannelMode::Simulator);
        assert_eq!(c.runtime_modes().ai, AiEngine::OfflineFaq);
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert_eq!(config(&[("PORT", "eighty")]).unwrap_err().var, "PORT");
        assert_eq!(
            config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().var,
            "DATABASE_URL"
        );
        assert_eq!(
            config(&[("SEED_DEMO", "perhaps")]).unwrap_err().var,
            "SEED_DEMO"
        );
        assert_eq!(
            config(&[("TWILIO_ACCOUNT_SID", "AC1")]).unwrap_err().var,
            "TWILIO_AUTH_TOKEN"
        );
        assert_eq!(
            config(&[("PUBLIC_BASE_URL", "not a url")]).unwrap_err().var,
            "PUBLIC_BASE_URL"
        );
        assert_eq!(
            config(&[("TRUSTED_PROXY", "x-forwarded-for")])
                .unwrap_err()
                .var,
            "TRUSTED_PROXY"
        );
    }

    #[test]
    fn live_mode_refuses_the_demo_admin_password_unless_a_sandbox_is_asked_for() {
        let live = [("TWILIO_ACCOUNT_SID", "AC1"), ("TWILIO_AUTH_TOKEN", "t")];
        let c = config(&live).unwrap();
        assert!(!c.seed_demo, "no demo data by default once live");
        let err = c.check_safe_to_go_live().unwrap_err();
        assert_eq!(err.var, "ADMIN_PASSWORD");
        assert!(err.to_string().contains("SEED_DEMO=true"));

        let mut sandbox = live.to_vec();
        sandbox.push(("SEED_DEMO", "true"));
        let c = config(&sandbox).unwrap();
        assert!(c.seed_demo && c.check_safe_to_go_live().is_ok());

        let mut real = live.to_vec();
        real.push(("ADMIN_PASSWORD", "a long secret"));
        assert!(config(&real).unwrap().check_safe_to_go_live().is_ok());

        // Offline stays one command with the demo accounts.
        let offline = config(&[]).unwrap();
        assert!(offline.seed_demo && offline.check_safe_to_go_live().is_ok());
    }

    #[test]
    fn public_base_url_loses_its_trailing_slash() {
        let c = config(&[("PUBLIC_BASE_URL", "https://example.com/")]).unwrap();
        assert_eq!(c.public_base_url.as_deref(), Some("https://example.com"));
    }
}

//! Small pieces both apps' screens are made of: a key figure, the AI mode choices, the banner
//! that says the live connection is lost.

use protocol::auth::RuntimeModes;
use protocol::{AiEngine, AiMode, ChannelMode, MemberRole};
use yew::prelude::*;

use super::hooks::{use_lang, use_now};
use super::icons::{icon, Icon};
use super::segmented::SegOption;
use crate::i18n::Lang;
use crate::ws::LinkState;

/// A key figure: icon, label, value and an optional line under it.
pub fn kpi(
    label: &'static str,
    value: String,
    sub: Option<String>,
    glyph: Icon,
    class: impl Into<Classes>,
) -> Html {
    html! {
        <div class={classes!("kpi", class.into())}>
            <span class="kpi-icon">{ icon(glyph) }</span>
            <span class="kpi-label">{ label }</span>
            <strong class="kpi-value">{ value }</strong>
            if let Some(sub) = sub { <span class="kpi-sub">{ sub }</span> }
        </div>
    }
}

/// An AI mode's name, the same in both apps.
pub fn ai_mode_label(mode: AiMode, lang: Lang) -> &'static str {
    let t = lang.ui();
    match mode {
        AiMode::Auto => t.ai_mode_auto,
        AiMode::Suggest => t.ai_mode_suggest,
        AiMode::Off => t.ai_mode_off,
    }
}

/// A team member's role, the same for the conciergerie's owner and the platform admin.
pub fn member_role_label(role: MemberRole, lang: Lang) -> &'static str {
    let t = lang.ui();
    match role {
        MemberRole::Owner => t.role_owner,
        MemberRole::Manager => t.role_manager,
        MemberRole::Agent => t.role_agent,
    }
}

/// What a mode picker sets the AI mode of: each mode means something else in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeScope {
    /// One conversation, seen by its operator.
    Conversation,
    /// A whole conciergerie (its default, seen by its owner or the platform admin).
    Conciergerie,
}

/// What `mode` means for `scope`, in a few words.
pub fn ai_mode_help(mode: AiMode, scope: ModeScope, lang: Lang) -> &'static str {
    let t = lang.ui();
    match (scope, mode) {
        (ModeScope::Conversation, AiMode::Auto) => t.ai_mode_auto_help,
        (ModeScope::Conversation, AiMode::Suggest) => t.ai_mode_suggest_help,
        (ModeScope::Conversation, AiMode::Off) => t.ai_mode_off_help,
        (ModeScope::Conciergerie, AiMode::Auto) => t.ai_mode_auto_help_tenant,
        (ModeScope::Conciergerie, AiMode::Suggest) => t.ai_mode_suggest_help_tenant,
        (ModeScope::Conciergerie, AiMode::Off) => t.ai_mode_off_help_tenant,
    }
}

/// The three AI modes as segmented-control options, each with what it means for `scope` (an
/// operator in a conversation and the conciergerie's default are told differently): auto,
/// suggest, off.
pub fn ai_mode_options(lang: Lang, scope: ModeScope) -> Vec<SegOption> {
    [AiMode::Auto, AiMode::Suggest, AiMode::Off]
        .into_iter()
        .map(|mode| SegOption {
            value: mode.as_str(),
            label: ai_mode_label(mode, lang),
            hint: ai_mode_help(mode, scope, lang),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct LinkBannerProps {
    pub link: LinkState,
    /// What the lost connection means in this app.
    pub lost: &'static str,
}

/// Shown while the live connection is down, with the countdown to the next attempt.
#[function_component]
pub fn LinkBanner(props: &LinkBannerProps) -> Html {
    let lang = use_lang();
    let now = use_now(1_000);
    match props.link {
        LinkState::Offline { retry_at_ms, .. } => {
            let secs = ((retry_at_ms - now.timestamp_millis()) as f64 / 1000.0).ceil() as i64;
            html! {
                <div class="banner banner-offline" id="link-offline" role="alert">
                    { icon(Icon::Offline) }
                    <span class="banner-text"><strong>{ props.lost }</strong>{ " " }{ lang.retry_in(secs) }</span>
                </div>
            }
        }
        LinkState::Connecting | LinkState::Online => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct DemoBannerProps {
    pub runtime: RuntimeModes,
    /// An action of the app's own (the dashboard's "open the simulator").
    #[prop_or_default]
    pub children: Html,
}

/// Says the platform runs in demo mode (no Twilio account, or no Anthropic key), in a long and a
/// short wording (phones); nothing when both are configured.
#[function_component]
pub fn DemoBanner(props: &DemoBannerProps) -> Html {
    let t = use_lang().ui();
    let simulator = props.runtime.channel == ChannelMode::Simulator;
    let offline_ai = props.runtime.ai == AiEngine::OfflineFaq;
    if !simulator && !offline_ai {
        return Html::default();
    }
    html! {
        <div class="banner banner-demo" role="status">
            <span class="banner-tag">{ t.runtime_demo }</span>
            <span class="banner-text banner-long">
                if simulator { <span>{ t.runtime_simulator }</span> }
                if offline_ai { <span>{ t.runtime_offline_ai }</span> }
            </span>
            <span class="banner-text banner-short">
                if simulator { <span>{ t.runtime_simulator_short }</span> }
                if offline_ai { <span>{ t.runtime_offline_ai_short }</span> }
            </span>
            { props.children.clone() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_modes_in_order_with_what_they_mean_where_they_are_set() {
        let options = ai_mode_options(Lang::Fr, ModeScope::Conversation);
        let values: Vec<_> = options.iter().map(|o| o.value).collect();
        assert_eq!(values, ["auto", "suggest", "off"]);
        assert_eq!(options[2].hint, "Pas d'IA dans cette conversation");
        assert_eq!(options[2].label, "Désactivée");
        let tenant = ai_mode_options(Lang::En, ModeScope::Conciergerie);
        assert_eq!(tenant[2].hint, "No AI: the team answers everything.");
    }

    #[tokio::test]
    async fn the_demo_banner_names_what_is_missing() {
        let render = |channel, ai| async move {
            yew::LocalServerRenderer::<DemoBanner>::with_props(DemoBannerProps {
                runtime: RuntimeModes { channel, ai },
                children: Html::default(),
            })
            .hydratable(false)
            .render()
            .await
        };
        let html = render(ChannelMode::Simulator, AiEngine::Claude).await;
        assert!(
            html.contains("banner-demo") && html.contains("Twilio"),
            "{html}"
        );
        assert!(!html.contains("Anthropic"), "{html}");
        let html = render(ChannelMode::Twilio, AiEngine::OfflineFaq).await;
        assert!(
            html.contains("Anthropic") && !html.contains("Twilio"),
            "{html}"
        );
        assert!(!render(ChannelMode::Twilio, AiEngine::Claude)
            .await
            .contains("banner-demo"));
    }

    #[tokio::test]
    async fn the_banner_shows_only_while_offline() {
        let render = |link| async move {
            yew::LocalServerRenderer::<LinkBanner>::with_props(LinkBannerProps {
                link,
                lost: "Connexion perdue",
            })
            .hydratable(false)
            .render()
            .await
        };
        assert!(!render(LinkState::Online).await.contains("banner-offline"));
        let html = render(LinkState::Offline {
            retry_at_ms: 0,
            attempt: 1,
        })
        .await;
        assert!(html.contains("Connexion perdue"), "{html}");
    }
}

//! The strips above the content: the live connection lost, and the platform running in demo mode
//! (no Twilio account, or no Anthropic key).

use protocol::auth::RuntimeModes;
use protocol::{AiEngine, ChannelMode};
use ui::components::widgets::LinkBanner;
use yew::prelude::*;

use super::hooks::use_lang;
use crate::i18n::Localized;
use crate::ws::LinkState;

#[derive(Properties, PartialEq)]
pub struct BannersProps {
    pub link: LinkState,
    pub runtime: RuntimeModes,
}

#[function_component]
pub fn Banners(props: &BannersProps) -> Html {
    let lang = use_lang();
    let t = lang.t();

    let link = html! { <LinkBanner link={props.link} lost={t.link_lost} /> };

    let simulator = props.runtime.channel == ChannelMode::Simulator;
    let offline_ai = props.runtime.ai == AiEngine::OfflineFaq;
    let demo = (simulator || offline_ai).then(|| {
        html! {
            <div class="banner banner-demo" role="status">
                <span class="banner-tag">{ t.runtime_demo }</span>
                <span class="banner-text">
                    if simulator { <span>{ t.runtime_simulator }</span> }
                    if offline_ai { <span>{ t.runtime_offline_ai }</span> }
                </span>
            </div>
        }
    });

    html! { <div class="banners">{ link }{ demo }</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn says_when_the_platform_runs_offline() {
        let props = BannersProps {
            link: LinkState::Online,
            runtime: RuntimeModes {
                channel: ChannelMode::Simulator,
                ai: AiEngine::Claude,
            },
        };
        let html = yew::LocalServerRenderer::<Banners>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("banner-demo"), "{html}");
        assert!(html.contains("Twilio"));
        assert!(!html.contains("Anthropic"));
        assert!(!html.contains("banner-offline"));
    }
}

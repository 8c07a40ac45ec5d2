//! The strips above the content: the live connection lost, and the platform running in demo mode
//! (no Twilio account, or no Anthropic key).

use protocol::auth::RuntimeModes;
use ui::components::widgets::{DemoBanner, LinkBanner};
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
    let t = use_lang().t();
    html! {
        <div class="banners">
            <LinkBanner link={props.link} lost={t.link_lost} />
            <DemoBanner runtime={props.runtime} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{AiEngine, ChannelMode};

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

//! The strips above the content: the live connection lost, and the offline (demo) mode.

use protocol::auth::RuntimeModes;
use protocol::{AiEngine, ChannelMode};
use ui::components::widgets::LinkBanner;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::i18n::Localized;
use crate::ws::LinkState;

#[derive(Properties, PartialEq)]
pub struct BannersProps {
    pub link: LinkState,
    pub runtime: RuntimeModes,
    pub sim_open: bool,
    pub on_toggle_sim: Callback<()>,
}

#[function_component]
pub fn Banners(props: &BannersProps) -> Html {
    let lang = use_lang();
    let t = lang.t();

    let link = html! { <LinkBanner link={props.link} lost={t.link_lost} /> };

    let simulator = props.runtime.channel == ChannelMode::Simulator;
    let offline_ai = props.runtime.ai == AiEngine::OfflineFaq;
    let demo = (simulator || offline_ai).then(|| {
        let toggle = props.on_toggle_sim.clone();
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
                if simulator && !props.sim_open {
                    <button type="button" class="btn btn-small btn-light"
                        onclick={Callback::from(move |_| toggle.emit(()))}>
                        { icon(Icon::Phone) }{ t.open_simulator_long }
                    </button>
                }
            </div>
        }
    });

    html! { <div class="banners">{ link }{ demo }</div> }
}

//! The strips above the content: the live connection lost, and the offline (demo) mode.

use protocol::auth::RuntimeModes;
use protocol::ChannelMode;
use ui::components::widgets::{DemoBanner, LinkBanner};
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
    let t = use_lang().t();
    // Offline, the guest simulator is where replies go: offer it when it is closed.
    let open_sim =
        (props.runtime.channel == ChannelMode::Simulator && !props.sim_open).then(|| {
            let toggle = props.on_toggle_sim.clone();
            html! {
                <button type="button" class="btn btn-small btn-light"
                    onclick={Callback::from(move |_| toggle.emit(()))}>
                    { icon(Icon::Phone) }{ t.open_simulator_long }
                </button>
            }
        });
    html! {
        <div class="banners">
            <LinkBanner link={props.link} lost={t.link_lost} />
            <DemoBanner runtime={props.runtime}>{ for open_sim }</DemoBanner>
        </div>
    }
}

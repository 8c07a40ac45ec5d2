//! Settings: the conciergerie's default AI mode, the services in use (Twilio or simulator,
//! Claude or offline FAQ), the interface language, and the saved replies.

use super::notify_settings::NotifySettings;
use std::rc::Rc;

use protocol::labels::Label;
use protocol::settings::{Settings, SettingsPatch};
use protocol::templates::Template;
use protocol::{AiEngine, AiMode, ChannelMode};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::automations_section::AutomationsSection;
use super::hooks::{use_lang, LangCtx, SessionCtx};
use super::icons::{icon, Icon};
use super::labels_settings::LabelsSettings;
use super::segmented::{SegOption, Segmented};
use super::team_settings::TeamSettings;
use super::templates_editor::TemplatesEditor;
use super::time_zone_setting::TimeZoneSetting;
use crate::api;
use crate::api::Explain;
use crate::i18n::Lang;
use crate::i18n::Localized;
use ui::components::widgets::{ai_mode_options, ModeScope};

#[derive(Properties, PartialEq)]
pub struct SettingsTabProps {
    pub templates: Rc<Vec<Template>>,
    pub on_templates: Callback<Vec<Template>>,
    #[prop_or_default]
    pub labels: Rc<Vec<Label>>,
    #[prop_or_default]
    pub on_labels: Callback<Vec<Label>>,
}

#[function_component]
pub fn SettingsTab(props: &SettingsTabProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let session = use_context::<SessionCtx>();
    let lang_ctx = use_context::<LangCtx>();
    let settings = use_state(|| None::<Settings>);
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);

    {
        let (settings, error) = (settings.clone(), error.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::settings().await {
                    Ok(s) => settings.set(Some(s)),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }

    let on_mode = {
        let (settings, error, saving) = (settings.clone(), error.clone(), saving.clone());
        Callback::from(move |v: &'static str| {
            let Ok(mode) = v.parse::<AiMode>() else {
                return;
            };
            let (settings, error, saving) = (settings.clone(), error.clone(), saving.clone());
            saving.set(true);
            spawn_local(async move {
                let patch = SettingsPatch {
                    ai_mode: Some(mode),
                    ..Default::default()
                };
                match api::patch_settings(&patch).await {
                    Ok(s) => {
                        error.set(None);
                        settings.set(Some(s));
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                saving.set(false);
            });
        })
    };

    let me = session.as_ref().map(|s| s.me.clone());
    let runtime = settings
        .as_ref()
        .map(|s| s.runtime)
        .or_else(|| me.as_ref().map(|m| m.runtime));
    let ai_mode = settings
        .as_ref()
        .map(|s| s.ai_mode)
        .or_else(|| me.as_ref().map(|m| m.conciergerie.ai_mode))
        .unwrap_or(AiMode::Auto);
    let number = settings
        .as_ref()
        .and_then(|s| s.whatsapp_number.clone())
        .or_else(|| {
            me.as_ref()
                .and_then(|m| m.conciergerie.whatsapp_number.clone())
        });
    let name = settings
        .as_ref()
        .map(|s| s.name.clone())
        .or_else(|| me.as_ref().map(|m| m.conciergerie.name.clone()))
        .unwrap_or_default();

    let on_zone_saved = {
        let settings = settings.clone();
        Callback::from(move |s: Settings| settings.set(Some(s)))
    };
    let saved_zone = settings.as_ref().map(|s| s.time_zone.clone());

    let lang_options = vec![
        SegOption {
            value: "fr",
            label: "Français",
            hint: "Français",
        },
        SegOption {
            value: "en",
            label: "English",
            hint: "English",
        },
    ];
    let on_lang = lang_ctx.map(|ctx| {
        Callback::from(move |code: &'static str| {
            if let Some(l) = Lang::from_code(code) {
                ctx.set.emit(l)
            }
        })
    });

    html! {
        <section class="page" aria-labelledby="settings-title">
            <header class="page-header">
                <div>
                    <h1 id="settings-title">{ t.settings_title }</h1>
                    <p class="muted">{ name.clone() }
                        if let Some(email) = me.as_ref().map(|m| m.conciergerie.email.clone()) { { " · " }{ email } }
                    </p>
                </div>
                if let Some(logout) = session.as_ref().map(|s| s.logout.clone()) {
                    <button type="button" class="btn btn-outline" onclick={Callback::from(move |_| logout.emit(()))}>
                        { icon(Icon::Logout) }{ t.logout }
                    </button>
                }
            </header>
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
            }
            <div class="settings-grid">
                <section class="settings-card card" aria-labelledby="ai-title">
                    <h2 id="ai-title">{ icon(Icon::Sparkles) }{ t.settings_ai_title }</h2>
                    <p class="field-label">{ t.settings_ai_default }</p>
                    <Segmented name="default-ai-mode" label={t.settings_ai_default} options={ai_mode_options(lang, ModeScope::Conciergerie)}
                        selected={ai_mode.as_str()} on_change={on_mode} disabled={*saving} />
                    <p class="muted small">{ t.settings_ai_default_help }</p>
                </section>
                <section class="settings-card card" aria-labelledby="services-title">
                    <h2 id="services-title">{ icon(Icon::Globe) }{ t.settings_services }</h2>
                    <dl class="facts">
                        if let Some(rt) = runtime {
                            <dt>{ t.channel_label }</dt>
                            <dd>
                                <span class={classes!("dot", if rt.channel == ChannelMode::Twilio { "dot-live" } else { "dot-demo" })}></span>
                                { if rt.channel == ChannelMode::Twilio { t.channel_twilio } else { t.channel_simulator } }
                            </dd>
                            <dt>{ t.engine_label }</dt>
                            <dd>
                                <span class={classes!("dot", if rt.ai == AiEngine::Claude { "dot-live" } else { "dot-demo" })}></span>
                                { if rt.ai == AiEngine::Claude { t.ai_claude } else { t.ai_offline } }
                            </dd>
                        }
                        <dt>{ t.whatsapp_number }</dt>
                        <dd>{ number.unwrap_or_else(|| "—".to_owned()) }</dd>
                    </dl>
                </section>
                <TimeZoneSetting saved={saved_zone} on_saved={on_zone_saved} />
                if let Some(session) = &session {
                    <NotifySettings account={session.me.member.email.clone()} />
                }
                if let Some(on_lang) = on_lang {
                    <section class="settings-card card" aria-labelledby="lang-title">
                        <h2 id="lang-title">{ icon(Icon::Globe) }{ t.language }</h2>
                        <Segmented name="ui-language" label={t.language} options={lang_options}
                            selected={lang.code()} on_change={on_lang} />
                    </section>
                }
            </div>
            <TeamSettings />
            <TemplatesEditor templates={props.templates.clone()} on_change={props.on_templates.clone()} />
            <AutomationsSection />
            <LabelsSettings labels={props.labels.clone()} on_labels={props.on_labels.clone()} />
        </section>
    }
}
